import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type {
  ExplainRequest,
  ExplainResponse,
  MasteryStateJson,
  RubricPointJson,
} from "../../../../src/server/contract/index.js";
import { type ApiError, api } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { useLang, useT } from "../../i18n/index.js";
import { clearDraft, loadDraft, saveDraft } from "./draft.js";
import { MasteryBadge } from "./mastery-badge.js";
import { explainMessages, termMessages } from "./messages.js";

const CONFIDENCES = [1, 2, 3, 4, 5] as const;

interface ExplainBackBoxProps {
  episodeId: string;
  conceptId: number;
  conceptName: string;
  state: MasteryStateJson;
  /** Called with the kept attempt and the concept's new state. */
  onResult: (result: ExplainResponse) => void;
}

/**
 * The mastery gate on the page: confidence first (1-5, required), then the explanation, then the
 * verdict with what was covered and what is missing. The draft stays in localStorage until it is
 * submitted, so a reload loses nothing.
 */
export function ExplainBackBox({ episodeId, conceptId, conceptName, state, onResult }: ExplainBackBoxProps) {
  const t = useT(explainMessages);
  const { lang } = useLang();
  const [draft, setDraft] = useState(() => loadDraft(episodeId, conceptId));
  // Whether what is in the box is a draft kept on this device (not yet submitted).
  const [kept, setKept] = useState(() => draft.text !== "");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<{ response: ExplainResponse; from: MasteryStateJson } | null>(null);
  const textId = useId();
  const hintId = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);

  const update = (change: Partial<typeof draft>) => {
    setDraft((old) => {
      const next = { ...old, ...change };
      saveDraft(episodeId, conceptId, next);
      return next;
    });
    if (change.text !== undefined) setKept(change.text !== "");
    setProblem(null);
  };

  // The verdict is announced (role=status) and brought into view without moving the focus away
  // from the form.
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [result]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (draft.confidence === null) return setProblem(t("needConfidence"));
    if (!draft.text.trim()) {
      setProblem(t("needText"));
      textRef.current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    const body: ExplainRequest = {
      confidence: draft.confidence,
      text: draft.text,
      language: lang === "zh-CN" ? "zh" : "en",
    };
    try {
      const response = await api.post<ExplainResponse>(
        `/api/episodes/${encodeURIComponent(episodeId)}/concepts/${conceptId}/explain`,
        body,
      );
      clearDraft(episodeId, conceptId);
      setKept(false);
      // A new attempt needs a fresh rating; a failed one keeps its text to improve on.
      setDraft({ text: response.verdict === "verified" ? "" : draft.text, confidence: null });
      setResult({ response, from: state });
      onResult(response);
    } catch (error) {
      setFailure(error as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="explain-box card" aria-labelledby={`${textId}-title`}>
      <h2 id={`${textId}-title`}>{t("title")}</h2>
      <p className="explain-lead">{t("lead")}</p>
      <form onSubmit={submit} noValidate>
        <fieldset className="confidence" aria-describedby={hintId}>
          <legend>
            <span className="step">1</span> {t("confidence")}
          </legend>
          <p id={hintId} className="muted hint">
            {t("confidenceHint")}
          </p>
          <div className="confidence-scale">
            {CONFIDENCES.map((n) => (
              <label key={n} className={draft.confidence === n ? "chosen" : undefined}>
                <input
                  type="radio"
                  name={`confidence-${conceptId}`}
                  value={n}
                  checked={draft.confidence === n}
                  onChange={() => update({ confidence: n })}
                  required
                />
                <span className="n">{n}</span>
                <span className="what">{t(`c${n}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label htmlFor={textId} className="explain-label">
          <span className="step">2</span> {t("explanation", { concept: conceptName })}
        </label>
        {draft.confidence === null ? <p className="muted hint">{t("rateFirst")}</p> : null}
        <textarea
          id={textId}
          ref={textRef}
          value={draft.text}
          rows={7}
          placeholder={t("placeholder")}
          disabled={draft.confidence === null}
          onChange={(e) => update({ text: e.target.value })}
        />
        <div className="explain-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("checking") : t("submit")}
          </button>
          {kept ? <span className="muted draft-note">{t("draftKept")}</span> : null}
        </div>
        {problem ? (
          <p className="error" role="alert">
            {problem}
          </p>
        ) : null}
        <ErrorMessage error={failure} />
      </form>
      {result ? (
        <div ref={resultRef} className="verdict-panel" role="status" aria-live="polite">
          <VerdictView response={result.response} from={result.from} conceptName={conceptName} />
        </div>
      ) : null}
    </section>
  );
}

function VerdictView({
  response,
  from,
  conceptName,
}: {
  response: ExplainResponse;
  from: MasteryStateJson;
  conceptName: string;
}) {
  const t = useT(explainMessages);
  const term = useT(termMessages);
  const { attempt } = response;
  return (
    <div className={`verdict verdict-${response.verdict}`} data-verdict={response.verdict}>
      <p className="verdict-title">
        <span className="visually-hidden">{t("verdict")}: </span>
        {term(`verdict.${response.verdict}`)}
      </p>
      <PointList title={t("covered")} points={attempt.covered} className="covered" />
      <PointList title={t("missing")} points={attempt.missing} className="missing" />
      <PointList title={t("misconceptions")} points={attempt.misconceptions} className="wrong" />
      <p className="feedback">{attempt.feedback}</p>
      <p className="calibration">{t(attempt.calibration, { n: attempt.confidence })}</p>
      <p className="state-change">
        {from === response.state ? (
          t("stateNow", { concept: conceptName, state: term(`state.${response.state}`) })
        ) : (
          <>
            {conceptName}: <MasteryBadge state={from} /> → <MasteryBadge state={response.state} />
          </>
        )}
      </p>
    </div>
  );
}

/** The rubric points of a verdict under a heading; nothing when there are none. */
export function PointList({
  title,
  points,
  className,
}: {
  title: string;
  points: RubricPointJson[];
  className: string;
}) {
  if (points.length === 0) return null;
  return (
    <div className={`points ${className}`}>
      <h3>{title}</h3>
      <ul>
        {points.map((p) => (
          <li key={p.id}>{p.text}</li>
        ))}
      </ul>
    </div>
  );
}
