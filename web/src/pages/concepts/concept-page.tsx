import { useCallback, useEffect } from "react";
import { Link, useParams } from "wouter";
import type {
  ConceptMentionJson,
  ConceptMomentJson,
  ConceptPageResponse,
  ExplainResponse,
  PackCardJson,
  PrerequisiteJson,
} from "../../../../src/server/contract/index.js";
import { useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { formatTime } from "../../format.js";
import { useLang, useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { TutorChat } from "../../tutor/tutor-chat.js";
import { useEpisode } from "../episode/episode-context.js";
import { AttemptHistory } from "./attempt-history.js";
import { EnrichmentPanel } from "./enrichment-panel.js";
import { ExplainBackBox } from "./explain-back-box.js";
import { MasteryBadge } from "./mastery-badge.js";
import { pageMessages, termMessages } from "./messages.js";
import "./concepts.css";

/** How many mentions are listed before "show all". */
const MENTIONS_SHOWN = 12;

/**
 * `/episodes/<id>/concepts/<conceptId>`: what the episode says about a concept (moments that play
 * on click), the pack card in the learner's language, what to learn first, questions, the tutor,
 * and the explain-back gate with every attempt kept.
 */
export default function ConceptPage() {
  const t = useT(pageMessages);
  const term = useT(termMessages);
  const { lang } = useLang();
  const { episode } = useEpisode();
  const { conceptId } = useParams<{ conceptId: string }>();
  const language = lang === "zh-CN" ? "zh" : "en";
  const path = `/api/episodes/${encodeURIComponent(episode.id)}/concepts/${encodeURIComponent(conceptId)}?lang=${language}`;
  const { data, error, setData } = useApi<ConceptPageResponse>(path);
  const page = data && String(data.concept.id) === conceptId ? data : null;

  useEffect(() => {
    if (page) document.title = `${page.concept.name} · ${episode.title} · deeplisten`;
  }, [page, episode.title]);

  const onResult = useCallback(
    (result: ExplainResponse) =>
      setData((old) =>
        old
          ? { ...old, state: result.state, attempts: [...old.attempts, result.attempt] }
          : (old as unknown as ConceptPageResponse),
      ),
    [setData],
  );

  if (error && !page) return <ErrorMessage error={error} />;
  if (!page) return <p className="loading">{t("loading")}</p>;
  const { concept } = page;
  return (
    <article className="page concept-page" aria-labelledby="concept-title">
      <nav className="concept-crumbs">
        <Link href="/concepts">← {t("back")}</Link>
      </nav>
      <header className="concept-header">
        <h2 id="concept-title">{concept.name}</h2>
        <span className="muted">{term(`kind.${concept.kind}`)}</span>
        <MasteryBadge state={page.state} label={t("mastery")} />
        {concept.aliases.length ? (
          <p className="muted aliases">
            {t("aka")}: {concept.aliases.join(" · ")}
          </p>
        ) : null}
      </header>
      <div className="concept-layout">
        <div className="concept-main">
          <EpisodeSays moments={page.episodeSays} saidAnywhere={page.mentions.length > 0} />
          {page.card ? <Card card={page.card} /> : <p className="notice">{t("noCard")}</p>}
          <EnrichmentPanel key={concept.id} episodeId={episode.id} conceptId={concept.id} />
          <Prerequisites items={page.prerequisites} conceptName={concept.name} />
          {page.checkQuestions.length ? (
            <section className="card" aria-labelledby="questions-title">
              <h3 id="questions-title">{t("questions")}</h3>
              <ol className="questions">
                {page.checkQuestions.map((q) => (
                  <li key={q}>{q}</li>
                ))}
              </ol>
            </section>
          ) : null}
          <Marks marks={page.marks} />
          <Mentions mentions={page.mentions} />
          <section className="tutor-slot" aria-label={t("tutor")}>
            <TutorChat episodeId={episode.id} conceptId={concept.id} conceptName={concept.name} />
          </section>
        </div>
        <aside className="concept-side">
          <ExplainBackBox
            key={concept.id}
            episodeId={episode.id}
            conceptId={concept.id}
            conceptName={concept.name}
            state={page.state}
            onResult={onResult}
          />
          <AttemptHistory attempts={page.attempts} />
        </aside>
      </div>
    </article>
  );
}

function MomentButton({ startMs, children }: { startMs: number; children: React.ReactNode }) {
  const t = useT(pageMessages);
  const player = usePlayer();
  const time = formatTime(startMs);
  return (
    <button type="button" className="moment" onClick={() => player.seek(startMs)} aria-label={t("playAt", { time })}>
      <span className="time-link" aria-hidden="true">
        {time}
      </span>
      <span className="moment-body">{children}</span>
    </button>
  );
}

/** The language the episode's quotes are in (for fonts and screen readers). */
function useQuoteLang(): string | undefined {
  const { episode } = useEpisode();
  return episode.language === "und" ? undefined : episode.language;
}

function EpisodeSays({ moments, saidAnywhere }: { moments: ConceptMomentJson[]; saidAnywhere: boolean }) {
  const t = useT(pageMessages);
  const quoteLang = useQuoteLang();
  return (
    <section className="card" aria-labelledby="says-title">
      <h3 id="says-title">{t("episodeSays")}</h3>
      {moments.length === 0 ? <p className="muted">{t(saidAnywhere ? "noMoments" : "neverSaid")}</p> : null}
      <ul className="moments">
        {moments.map((m) => (
          <li key={`${m.segmentId}-${m.text.slice(0, 20)}`}>
            <MomentButton startMs={m.startMs}>
              {m.speaker ? <span className="speaker">{m.speaker}</span> : null}
              <span className="quote" lang={quoteLang}>
                {m.text}
              </span>
            </MomentButton>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Card({ card }: { card: PackCardJson }) {
  const t = useT(pageMessages);
  return (
    <section className="card pack-card" aria-labelledby="card-title">
      <h3 id="card-title">{t("card")}</h3>
      <p className="definition">{card.definition}</p>
      <p>{card.explanation}</p>
      {card.facts.length ? (
        <>
          <h4>{t("facts")}</h4>
          <ul className="facts">
            {card.facts.map((f) => (
              <li key={f.text}>
                {f.text} <span className="muted source">({f.source})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {card.misconceptions.length ? (
        <>
          <h4>{t("watchOut")}</h4>
          <ul className="watch-out">
            {card.misconceptions.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function Prerequisites({ items, conceptName }: { items: PrerequisiteJson[]; conceptName: string }) {
  const t = useT(pageMessages);
  if (items.length === 0) return null;
  return (
    <section className="card" aria-labelledby="first-title">
      <h3 id="first-title">{t("learnFirst")}</h3>
      <ol className="prerequisites">
        {items.map((p) => (
          <li key={p.entryId}>
            {p.inEpisode && p.conceptId !== null ? (
              <Link href={`/concepts/${p.conceptId}`}>{p.name}</Link>
            ) : (
              <span>{p.name}</span>
            )}{" "}
            <MasteryBadge state={p.state} />
          </li>
        ))}
        <li className="prerequisite-target" aria-current="page">
          <strong>{conceptName}</strong>
        </li>
      </ol>
    </section>
  );
}

function Marks({ marks }: { marks: ConceptPageResponse["marks"] }) {
  const t = useT(pageMessages);
  if (marks.length === 0) return null;
  return (
    <section className="card" aria-labelledby="marks-title">
      <h3 id="marks-title">{t("yourMarks")}</h3>
      <ul className="moments">
        {marks.map((m) => (
          <li key={m.id}>
            <MomentButton startMs={m.startMs}>
              <span className="muted">
                {t("markLine", { pass: m.pass })}
                {m.confidence !== null ? ` · ${t("markConfidence", { n: m.confidence })}` : ""}
              </span>
              {m.note ? <span className="quote">{m.note}</span> : null}
            </MomentButton>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Mentions({ mentions }: { mentions: ConceptMentionJson[] }) {
  const t = useT(pageMessages);
  const quoteLang = useQuoteLang();
  if (mentions.length === 0) return null;
  const first = mentions.slice(0, MENTIONS_SHOWN);
  const rest = mentions.slice(MENTIONS_SHOWN);
  const item = (m: ConceptMentionJson) => (
    <li key={m.segmentId}>
      <MomentButton startMs={m.startMs}>
        {m.speaker ? <span className="speaker">{m.speaker}</span> : null}
        <span className="quote" lang={quoteLang}>
          {m.before}
          <mark>{m.term}</mark>
          {m.after}
        </span>
      </MomentButton>
    </li>
  );
  return (
    <section className="card" aria-labelledby="mentions-title">
      <h3 id="mentions-title">{t("mentions", { n: mentions.length })}</h3>
      <ul className="moments mentions">{first.map(item)}</ul>
      {rest.length ? (
        <details>
          <summary>{t("moreMentions", { n: rest.length })}</summary>
          <ul className="moments mentions">{rest.map(item)}</ul>
        </details>
      ) : null}
    </section>
  );
}
