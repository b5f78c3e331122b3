import { useState } from "react";
import type { EpisodeEnrichmentResponse } from "../../../../src/server/contract/index.js";
import { STANCE_LIMITS } from "../../../../src/server/contract/stances.js";
import { ApiError, useApi } from "../../api/client.js";
import { formatTime } from "../../format.js";
import { defineMessages, useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import type { StanceTable } from "./use-stance-table.js";

const messages = defineMessages({
  en: {
    title: "The model's stance draft",
    label:
      "Written by {model} from the speakers' own words. Copy a topic into your table and make it yours: your own cells are never replaced.",
    add: "Add to my stance table",
    adding: "Adding…",
    added: "Added as a row of your table.",
    filled: "Filled {n} empty cell(s) of your row “{title}”; what you wrote there is kept.",
    nothing: "Your row “{title}” already has every speaker's position: nothing was changed.",
    playAt: "Play from {time}",
    failed: "The topic was not added: {error}",
    strangers: "Left out, as no column of the table is theirs: {names}.",
  },
  "zh-CN": {
    title: "模型起草的观点表",
    label:
      "由 {model} 根据说话人的原话起草。把一个话题复制到你的观点表，再改成你自己的理解：你已写的单元格永远不会被替换。",
    add: "加入我的观点表",
    adding: "正在加入…",
    added: "已作为新的一行加入你的观点表。",
    filled: "已填入你那一行“{title}”中 {n} 个空单元格；你写过的内容保持不变。",
    nothing: "你那一行“{title}”每位说话人都已有观点：没有任何改动。",
    playAt: "从 {time} 播放",
    failed: "话题没有加入：{error}",
    strangers: "以下说话人在观点表中没有对应的列，已略去：{names}。",
  },
});

type DraftTopic = NonNullable<EpisodeEnrichmentResponse["record"]>["stances"][number];

const sameTitle = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * On the clashes page: the stance table draft enrichment wrote, labelled as the model's, each
 * topic with "add to my stance table". A topic becomes a new row; when the learner already has a
 * row of that title, only its empty cells are filled. Cells go through the table's own autosave,
 * so each quote keeps its moment and comes back with the usual attribution check.
 */
export function StanceDraft({
  episodeId,
  table,
  onAdded,
}: {
  episodeId: string;
  table: StanceTable;
  onAdded: (topicId: number) => void;
}) {
  const t = useT(messages);
  const player = usePlayer();
  const { data } = useApi<EpisodeEnrichmentResponse>(`/api/episodes/${encodeURIComponent(episodeId)}/enrichment`);
  const [outcome, setOutcome] = useState<Record<string, { text: string; error?: boolean } | "adding">>({});
  const record = data?.record;
  if (!record || record.stances.length === 0) return null;

  const add = async (draft: DraftTopic) => {
    const current = table.data;
    if (!current) return;
    setOutcome((o) => ({ ...o, [draft.topic]: "adding" }));
    try {
      const existing = current.topics.find((row) => sameTitle(row.title, draft.topic));
      const topicId = existing
        ? existing.id
        : (await table.addTopic(draft.topic.slice(0, STANCE_LIMITS.title).trim() || draft.topic)).id;
      let filled = 0;
      const columns = current.speakers.filter((s) => !s.former).map((s) => s.name);
      const { cells, strangers } = bySpeaker(draft, columns);
      for (const [speaker, claims] of cells) {
        const mine = existing?.cells.find((c) => c.speaker === speaker);
        if (mine && (mine.position.trim() || mine.quote.trim())) continue;
        const first = claims[0] as DraftTopic["claims"][number];
        table.editCell(topicId, speaker, {
          position: [...new Set(claims.map((c) => c.claim.trim()))].join(" ").slice(0, STANCE_LIMITS.position),
          quote: first.quote.slice(0, STANCE_LIMITS.quote),
          startMs: first.startMs,
          segmentId: first.segmentId,
        });
        filled++;
      }
      const text = !existing
        ? t("added")
        : filled > 0
          ? t("filled", { n: filled, title: existing.title })
          : t("nothing", { title: existing.title });
      const left = strangers.length > 0 ? ` ${t("strangers", { names: strangers.join(", ") })}` : "";
      setOutcome((o) => ({ ...o, [draft.topic]: { text: `${text}${left}` } }));
      onAdded(topicId);
    } catch (e) {
      const error = e instanceof ApiError || e instanceof Error ? e.message : String(e);
      setOutcome((o) => ({ ...o, [draft.topic]: { text: t("failed", { error }), error: true } }));
    }
  };

  return (
    <section className="clashes-section stance-draft" aria-labelledby="stance-draft-heading" data-model-written="true">
      <h2 id="stance-draft-heading">{t("title")}</h2>
      <p className="muted model-label">{t("label", { model: `${record.provider} · ${record.model}` })}</p>
      {record.stances.map((draft) => {
        const state = outcome[draft.topic];
        return (
          <article key={draft.topic} className="card stance-draft-topic" style={{ marginBottom: "0.75rem" }}>
            <h3 style={{ marginTop: 0 }}>{draft.topic}</h3>
            <ul>
              {draft.claims.map((c) => (
                <li key={`${c.segmentId}-${c.speaker}-${c.quote}`}>
                  <strong>{c.speaker}</strong>: {c.claim} <q>{c.quote}</q>{" "}
                  <button
                    type="button"
                    className="time-link"
                    onClick={() => player.seek(c.startMs, true)}
                    aria-label={t("playAt", { time: formatTime(c.startMs) })}
                  >
                    {formatTime(c.startMs)}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" disabled={!table.data || state === "adding"} onClick={() => void add(draft)}>
              {state === "adding" ? t("adding") : `+ ${t("add")}`}
            </button>
            {state && state !== "adding" ? (
              <p className={state.error ? "error" : "muted"} role={state.error ? "alert" : "status"}>
                {state.text}
              </p>
            ) : null}
          </article>
        );
      })}
    </section>
  );
}

/**
 * The draft's claims per column of the table (names matched case-insensitively). A claim by a
 * name that is not a speaker of the episode (an unlabelled paragraph) has no column to go to.
 */
function bySpeaker(
  draft: DraftTopic,
  columns: string[],
): { cells: Map<string, DraftTopic["claims"]>; strangers: string[] } {
  const cells = new Map<string, DraftTopic["claims"]>();
  const strangers = new Set<string>();
  for (const claim of draft.claims) {
    const speaker = columns.find((name) => sameTitle(name, claim.speaker));
    if (speaker === undefined) strangers.add(claim.speaker);
    else cells.set(speaker, [...(cells.get(speaker) ?? []), claim]);
  }
  return { cells, strangers: [...strangers] };
}
