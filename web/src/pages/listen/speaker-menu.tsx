import { type FormEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type {
  RelabelScope,
  SegmentJson,
  SpeakerJson,
  SpeakerSuggestionJson,
} from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { type Translate, useT } from "../../i18n/index.js";
import { type MessageKey, messages } from "./messages.js";
import { turnExtent } from "./transcript-model.js";

export interface SpeakerActions {
  relabel: (segmentId: number, scope: RelabelScope, to: string) => Promise<boolean>;
  rename: (from: string, to: string) => Promise<boolean>;
  merge: (from: string, into: string) => Promise<boolean>;
}

interface SpeakerMenuProps {
  segments: SegmentJson[];
  index: number;
  speakers: SpeakerJson[];
  suggestion: SpeakerSuggestionJson | undefined;
  anchor: HTMLElement;
  actions: SpeakerActions;
  onClose: () => void;
}

/**
 * The small menu on a paragraph's speaker name: give this paragraph, its whole turn, or the rest of
 * the turn to another speaker (or a new one); rename the speaker everywhere; merge it into another.
 * Escape or a click outside closes it; focus goes back to the name.
 */
export function SpeakerMenu({ segments, index, speakers, suggestion, anchor, actions, onClose }: SpeakerMenuProps) {
  const t = useT(messages);
  const segment = segments[index] as SegmentJson;
  const current = segment.speaker;
  const extent = turnExtent(segments, index);
  const [scope, setScope] = useState<RelabelScope>("paragraph");
  const [newName, setNewName] = useState("");
  const [renameTo, setRenameTo] = useState(current ?? "");
  const [mergeInto, setMergeInto] = useState("");
  const [busy, setBusy] = useState(false);
  const ref = useRef<HTMLDivElement | null>(null);
  const [pos, setPos] = useState<{ top: number; left: number }>(() => {
    const r = anchor.getBoundingClientRect();
    return { top: r.bottom + 4, left: r.left };
  });
  const titleId = useId();
  const others = speakers.filter((s) => s.name !== current);

  // Keep the menu on screen: above the name when there is no room below.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = anchor.getBoundingClientRect();
    const h = el.offsetHeight;
    const w = el.offsetWidth;
    const below = r.bottom + 4 + h <= window.innerHeight - 8;
    setPos({
      top: below ? r.bottom + 4 : Math.max(8, r.top - h - 4),
      left: Math.max(8, Math.min(r.left, window.innerWidth - w - 8)),
    });
  }, [anchor]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("input, button")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.preventDefault();
        close();
      }
    };
    const onDown = (e: PointerEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    const close = () => {
      onClose();
      if (anchor.isConnected) anchor.focus();
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onDown);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onDown);
    };
  }, [anchor, onClose]);

  const run = async (action: () => Promise<boolean>) => {
    setBusy(true);
    const ok = await action();
    setBusy(false);
    if (ok) {
      onClose();
      if (anchor.isConnected) anchor.focus();
    }
  };
  const give = (to: string) => run(() => actions.relabel(segment.id, scope, to));
  const onNew = (e: FormEvent) => {
    e.preventDefault();
    if (newName.trim()) void give(newName.trim());
  };
  const onRename = (e: FormEvent) => {
    e.preventDefault();
    if (current && renameTo.trim() && renameTo.trim() !== current)
      void run(() => actions.rename(current, renameTo.trim()));
  };
  const onMerge = (e: FormEvent) => {
    e.preventDefault();
    if (current && mergeInto) void run(() => actions.merge(current, mergeInto));
  };

  return (
    <div
      ref={ref}
      className="speaker-menu card"
      role="dialog"
      aria-labelledby={titleId}
      style={{ top: pos.top, left: pos.left }}
    >
      <div className="speaker-menu-head">
        <h3 id={titleId}>
          {t("whoSays")} <span className="muted">{formatTime(segment.startMs)}</span>
        </h3>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t("close")}>
          ×
        </button>
      </div>
      {suggestion ? (
        <p className="speaker-suggestion">
          {t("suggested", { name: suggestion.suggested, why: ruleText(t, suggestion.rule) })}{" "}
          <button
            type="button"
            className="small-button"
            disabled={busy}
            onClick={() => void give(suggestion.suggested)}
          >
            {t("accept")}
          </button>
        </p>
      ) : null}
      <fieldset className="scope" disabled={busy}>
        <legend>{t("scope")}</legend>
        <label>
          <input type="radio" name="scope" checked={scope === "paragraph"} onChange={() => setScope("paragraph")} />
          {t("scopeParagraph")}
        </label>
        <label>
          <input type="radio" name="scope" checked={scope === "turn"} onChange={() => setScope("turn")} />
          {t("scopeTurn", { n: extent.turn })}
        </label>
        <label>
          <input
            type="radio"
            name="scope"
            checked={scope === "until-change"}
            onChange={() => setScope("until-change")}
          />
          {t("scopeUntil", { n: extent.untilChange })}
        </label>
      </fieldset>
      <fieldset className="give-to" disabled={busy}>
        <legend>{t("giveTo")}</legend>
        <div className="give-to-names">
          {others.map((s) => (
            <button type="button" key={s.id} onClick={() => void give(s.name)} className="speaker-choice">
              {s.name}
            </button>
          ))}
        </div>
        <form className="inline-form" onSubmit={onNew}>
          <input
            type="text"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            placeholder={t("newSpeaker")}
            aria-label={t("newSpeakerName")}
            maxLength={200}
          />
          <button type="submit" disabled={!newName.trim()}>
            {t("give")}
          </button>
        </form>
      </fieldset>
      {current ? (
        <>
          <form className="inline-form labelled" onSubmit={onRename}>
            <label>
              <span>{t("renameEverywhere", { name: current })}</span>
              <input
                type="text"
                value={renameTo}
                onChange={(e) => setRenameTo(e.target.value)}
                aria-label={t("renameTo")}
                maxLength={200}
                disabled={busy}
              />
            </label>
            <button type="submit" disabled={busy || !renameTo.trim() || renameTo.trim() === current}>
              {t("rename")}
            </button>
          </form>
          {others.length > 0 ? (
            <form className="inline-form labelled" onSubmit={onMerge}>
              <label>
                <span>{t("mergeInto", { name: current })}</span>
                <select value={mergeInto} onChange={(e) => setMergeInto(e.target.value)} disabled={busy}>
                  <option value="">{t("chooseSpeaker")}</option>
                  {others.map((s) => (
                    <option key={s.id} value={s.name}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" disabled={busy || !mergeInto}>
                {t("merge")}
              </button>
            </form>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

export function ruleText(t: Translate<MessageKey>, rule: SpeakerSuggestionJson["rule"]): string {
  return t(
    rule === "host-labelled-answer"
      ? "ruleHostAnswer"
      : rule === "addresses-self"
        ? "ruleAddressesSelf"
        : "ruleOwnQuestion",
  );
}
