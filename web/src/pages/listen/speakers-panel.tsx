import type { SpeakerChangeJson, SpeakerJson, SpeakerSuggestionJson } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { messages } from "./messages.js";
import { ruleText } from "./speaker-menu.js";
import { keepFocus } from "./transcript-model.js";

interface SpeakersPanelProps {
  speakers: SpeakerJson[] | null;
  changes: SpeakerChangeJson[];
  suggestions: SpeakerSuggestionJson[];
  speakerColor: (name: string | null) => number;
  busy: boolean;
  onUndo: () => void;
  onReveal: (segmentId: number, startMs: number) => void;
  onAccept: (suggestion: SpeakerSuggestionJson) => void;
  onDismiss: (suggestion: SpeakerSuggestionJson) => void;
}

/**
 * The episode's voices with their paragraph counts, the corrections made (the last can be undone),
 * and the labels that look wrong, to review by ear.
 */
export function SpeakersPanel({
  speakers,
  changes,
  suggestions,
  speakerColor,
  busy,
  onUndo,
  onReveal,
  onAccept,
  onDismiss,
}: SpeakersPanelProps) {
  const t = useT(messages);
  const canUndo = changes.some((c) => c.undoneAt === null);
  return (
    <div className="speakers-panel">
      <ul className="speaker-list">
        {(speakers ?? []).map((s) => (
          <li key={s.id} style={{ "--spk": `var(--spk-${speakerColor(s.name)})` } as React.CSSProperties}>
            <span className="swatch" aria-hidden="true" />
            <span className="speaker-list-name">{s.name}</span>
            {s.role !== "speaker" ? <span className="badge">{t(s.role === "host" ? "host" : "guest")}</span> : null}
            <span className="muted">{t("paragraphs", { n: s.paragraphs })}</span>
          </li>
        ))}
      </ul>
      <h3>{t("history")}</h3>
      <button type="button" onClick={onUndo} disabled={!canUndo || busy}>
        ↶ {t("undoLast")}
      </button>
      {changes.length === 0 ? (
        <p className="muted">{t("noHistory")}</p>
      ) : (
        <ol className="change-list">
          {changes.slice(0, 12).map((c) => (
            <li key={c.id} className={c.undoneAt ? "undone" : undefined} title={c.summary}>
              {t(
                c.kind === "rename"
                  ? "changeRename"
                  : c.kind === "merge"
                    ? "changeMerge"
                    : c.segmentIds.length === 1
                      ? "changeRelabelOne"
                      : "changeRelabel",
                { n: c.segmentIds.length },
              )}
              {c.undoneAt ? <span className="badge">{t("undoneTag")}</span> : null}
            </li>
          ))}
        </ol>
      )}
      <h3>{t("review", { n: suggestions.length })}</h3>
      {suggestions.length === 0 ? (
        <p className="muted">{t("noSuggestions")}</p>
      ) : (
        <>
          <p className="muted small">{t("reviewHelp")}</p>
          <ol className="suggestion-list">
            {suggestions.map((s) => (
              <li key={s.segmentId}>
                <button
                  type="button"
                  className="time-link"
                  onMouseDown={keepFocus}
                  onClick={() => onReveal(s.segmentId, s.startMs)}
                  aria-label={t("playFrom", { time: formatTime(s.startMs) })}
                >
                  {formatTime(s.startMs)}
                </button>{" "}
                {t("labelledAs", { labelled: s.labelled, suggested: s.suggested })}
                <span className="muted small"> · {ruleText(t, s.rule)}</span>
                <div className="suggestion-actions">
                  <button type="button" className="small-button" disabled={busy} onClick={() => onAccept(s)}>
                    {t("accept")}
                  </button>
                  <button type="button" className="small-button" onClick={() => onDismiss(s)}>
                    {t("dismiss")}
                  </button>
                </div>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
