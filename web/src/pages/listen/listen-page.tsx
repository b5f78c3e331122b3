import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import type {
  ListenSpanJson,
  ListenSpansResponse,
  MarkJson,
  MarksResponse,
  NewMarkRequest,
  PassNumber,
  RelabelScope,
  SegmentJson,
  SpeakerChangeResponse,
  SpeakerSuggestionJson,
  SpeakerSuggestionsResponse,
  SpeakersResponse,
} from "../../../../src/server/contract/index.js";
import { ApiError, api, useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { formatTime } from "../../format.js";
import { type Translate, useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { useEpisode } from "../episode/episode-context.js";
import { ChapterSummaries } from "./chapter-summaries.js";
import { MarksPanel } from "./marks-panel.js";
import { type MessageKey, messages } from "./messages.js";
import { PassTimeline } from "./pass-timeline.js";
import { type SpeakerActions, SpeakerMenu } from "./speaker-menu.js";
import { SpeakersPanel } from "./speakers-panel.js";
import { Transcript, type TranscriptHandle, type TranscriptSelection } from "./transcript.js";
import { chooseChapters, marksBySegment, paragraphAt, turnExtent } from "./transcript-model.js";
import "./listen.css";

const PASSES: PassNumber[] = [1, 2, 3];
const PLAYER_HEIGHT = 56;

interface Status {
  id: number;
  text: string;
  error?: boolean;
  undo?: () => void;
}

/**
 * The listen page (passes 1 and 2): the transcript following playback, marks of moments and terms
 * with a confidence each, the pass selector, a timeline per pass, and speaker corrections.
 */
export default function ListenPage() {
  const t = useT(messages);
  const { episode, reload, setPass } = useEpisode();
  const player = usePlayer();
  const base = `/api/episodes/${encodeURIComponent(episode.id)}`;
  const marksApi = useApi<MarksResponse>(`${base}/marks`);
  const spansApi = useApi<ListenSpansResponse>(`${base}/listened`);
  const speakersApi = useApi<SpeakersResponse>(`${base}/speakers`);
  // The suggestions take a moment to compute on a long episode: asked for once the page is up.
  const [wantSuggestions, setWantSuggestions] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setWantSuggestions(true), 2000);
    return () => window.clearTimeout(timer);
  }, []);
  const suggestionsApi = useApi<SpeakerSuggestionsResponse>(wantSuggestions ? `${base}/speakers/suggestions` : null);
  const segments = episode.segments;
  const chapters = useMemo(() => chooseChapters(episode.chapterList), [episode.chapterList]);
  const currentIndex = paragraphAt(segments, player.currentMs);
  const transcript = useRef<TranscriptHandle | null>(null);

  // What the learner is told after an action, with an undo where there is one.
  const [status, setStatus] = useState<Status | null>(null);
  const statusId = useRef(0);
  const announce = useCallback((text: string, extra: Omit<Status, "id" | "text"> = {}) => {
    statusId.current += 1;
    setStatus({ id: statusId.current, text, ...extra });
  }, []);
  useEffect(() => {
    if (!status) return;
    const timer = window.setTimeout(() => setStatus((s) => (s?.id === status.id ? null : s)), 12_000);
    return () => window.clearTimeout(timer);
  }, [status]);

  // Seeking from anywhere on the page plays from there and brings the transcript along.
  const playerRef = useRef(player);
  playerRef.current = player;
  const segmentsRef = useRef(segments);
  segmentsRef.current = segments;
  const seek = useCallback((ms: number) => {
    playerRef.current.seek(ms, true);
    transcript.current?.revealSegment(Math.max(0, paragraphAt(segmentsRef.current, ms)));
  }, []);
  const seekFromTranscript = useCallback((ms: number) => playerRef.current.seek(ms, true), []);

  // --- Marks
  const marks = marksApi.data?.marks ?? null;
  const markMap = useMemo(() => marksBySegment(marks ?? []), [marks]);
  const [freshId, setFreshId] = useState<number | null>(null);
  const [selection, setSelection] = useState<TranscriptSelection | null>(null);
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const passRef = useRef(episode.pass);
  passRef.current = episode.pass;

  const addMark = useCallback(
    async (request: NewMarkRequest): Promise<MarkJson | null> => {
      try {
        const { mark } = await api.post<{ mark: MarkJson }>(`${base}/marks`, request);
        marksApi.setData((old) => ({
          marks: [...(old?.marks ?? []), mark].sort((a, b) => a.startMs - b.startMs || a.id - b.id),
        }));
        setFreshId(mark.id);
        return mark;
      } catch (e) {
        announce(t("markFailed", { error: errorText(t, e) }), { error: true });
        return null;
      }
    },
    [base, marksApi.setData, announce, t],
  );
  const markMoment = useCallback(async () => {
    const ms = Math.round(playerRef.current.currentMs);
    const at = paragraphAt(segmentsRef.current, ms);
    const mark = await addMark({
      pass: passRef.current,
      kind: "moment",
      startMs: ms,
      segmentId: segmentsRef.current[at]?.id ?? null,
    });
    if (mark) announce(t("markedMoment", { time: formatTime(ms) }));
  }, [addMark, announce, t]);
  const markTerm = useCallback(async () => {
    const sel = selectionRef.current;
    if (!sel) {
      // Nothing selected (or no mouse): type the words instead.
      setTermDraft({ text: "", atMs: Math.round(playerRef.current.currentMs) });
      return;
    }
    if (sel.text.length > 200) {
      announce(t("tooLong"), { error: true });
      return;
    }
    const mark = await addMark({
      pass: passRef.current,
      kind: "term",
      startMs: sel.startMs,
      segmentId: sel.segmentId,
      selection: sel.text,
    });
    if (mark) {
      document.getSelection()?.removeAllRanges();
      setSelection(null);
      announce(t("markedTerm", { term: sel.text }));
    }
  }, [addMark, announce, t]);
  const [termDraft, setTermDraft] = useState<{ text: string; atMs: number } | null>(null);
  const submitTermDraft = useCallback(async () => {
    const draft = termDraftRef.current;
    const words = draft?.text.replace(/\s+/g, " ").trim() ?? "";
    if (!draft || !words) return;
    if (words.length > 200) {
      announce(t("tooLong"), { error: true });
      return;
    }
    const at = paragraphAt(segmentsRef.current, draft.atMs);
    const mark = await addMark({
      pass: passRef.current,
      kind: "term",
      startMs: draft.atMs,
      segmentId: segmentsRef.current[at]?.id ?? null,
      selection: words,
    });
    if (mark) {
      setTermDraft(null);
      announce(t("markedTerm", { term: words }));
    }
  }, [addMark, announce, t]);
  const termDraftRef = useRef(termDraft);
  termDraftRef.current = termDraft;
  const rate = useCallback(
    async (mark: MarkJson, confidence: number) => {
      const put = (value: number | null) =>
        marksApi.setData((old) => ({
          marks: (old?.marks ?? []).map((m) => (m.id === mark.id ? { ...m, confidence: value } : m)),
        }));
      put(confidence);
      try {
        await api.patch(`${base}/marks/${mark.id}`, { confidence });
      } catch (e) {
        put(mark.confidence);
        announce(t("saveFailed", { error: errorText(t, e) }), { error: true });
      }
    },
    [base, marksApi.setData, announce, t],
  );
  const removeMark = useCallback(
    async (mark: MarkJson) => {
      try {
        await api.del(`${base}/marks/${mark.id}`);
        marksApi.setData((old) => ({ marks: (old?.marks ?? []).filter((m) => m.id !== mark.id) }));
        announce(t("deleted"), {
          undo: () => {
            setStatus(null);
            void addMark({
              pass: mark.pass,
              kind: mark.kind,
              startMs: mark.startMs,
              segmentId: mark.segmentId,
              selection: mark.selection,
              confidence: mark.confidence,
              note: mark.note,
            });
          },
        });
      } catch (e) {
        announce(t("saveFailed", { error: errorText(t, e) }), { error: true });
      }
    },
    [base, marksApi.setData, announce, addMark, t],
  );

  // M marks this moment, T marks the selected words: anywhere on the page but in a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.repeat) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest("input, textarea, select, [contenteditable=true], [role=dialog]")) return;
      if (e.key === "m" || e.key === "M") {
        e.preventDefault();
        void markMoment();
      } else if (e.key === "t" || e.key === "T") {
        e.preventDefault();
        void markTerm();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [markMoment, markTerm]);

  // --- What was listened to: the saved stretches, and the one playing now.
  const [liveSpans, setLiveSpans] = useState<ListenSpanJson[]>([]);
  const lastLive = useRef<{ pass: PassNumber; endMs: number } | null>(null);
  useEffect(() => {
    if (!player.playing) {
      lastLive.current = null;
      return;
    }
    const ms = Math.round(player.currentMs);
    const open = lastLive.current;
    if (open && open.pass === episode.pass && ms >= open.endMs - 500 && ms - open.endMs < 5000) {
      open.endMs = ms;
      setLiveSpans((spans) => {
        const copy = spans.slice();
        const last = copy[copy.length - 1];
        if (last) copy[copy.length - 1] = { ...last, endMs: Math.max(last.endMs, ms) };
        return copy;
      });
    } else {
      lastLive.current = { pass: episode.pass, endMs: ms };
      setLiveSpans((spans) => [...spans, { pass: episode.pass, startMs: ms, endMs: ms, wallMs: 0 }]);
    }
  }, [player.currentMs, player.playing, episode.pass]);
  const reloadSpans = spansApi.reload;
  useEffect(() => {
    if (player.playing) return;
    const timer = window.setTimeout(reloadSpans, 800);
    return () => window.clearTimeout(timer);
  }, [player.playing, reloadSpans]);
  const serverSpans = spansApi.data?.spans;
  const spans = useMemo(() => [...(serverSpans ?? []), ...liveSpans], [serverSpans, liveSpans]);

  // --- Speakers
  const speakerNames = useMemo(() => {
    const names: string[] = [];
    for (const s of segments) if (s.speaker && !names.includes(s.speaker)) names.push(s.speaker);
    return names;
  }, [segments]);
  const colorOf = useRef(new Map<string, number>());
  const speakerColor = useCallback((name: string | null) => {
    if (!name) return 7;
    const known = colorOf.current.get(name);
    if (known !== undefined) return known;
    const next = colorOf.current.size % 7;
    colorOf.current.set(name, next);
    return next;
  }, []);
  for (const name of speakerNames) speakerColor(name);

  const dismissedKey = `deeplisten.dismissed-labels.${episode.id}`;
  const [dismissed, setDismissed] = useState<Set<number>>(() => readIds(dismissedKey));
  const suggestions = useMemo(
    () => (suggestionsApi.data?.suggestions ?? []).filter((s) => !dismissed.has(s.segmentId)),
    [suggestionsApi.data, dismissed],
  );
  const suggestionMap = useMemo(() => new Map(suggestions.map((s) => [s.segmentId, s])), [suggestions]);
  const [speakerBusy, setSpeakerBusy] = useState(false);
  const [menu, setMenu] = useState<{ index: number; anchor: HTMLElement } | null>(null);

  const afterSpeakerChange = useCallback(() => {
    reload();
    speakersApi.reload();
    suggestionsApi.reload();
  }, [reload, speakersApi.reload, suggestionsApi.reload]);
  const undoSpeaker = useCallback(async () => {
    setSpeakerBusy(true);
    try {
      const res = await api.post<SpeakerChangeResponse>(`${base}/speakers/undo`);
      announce(t(res.change ? "undone" : "nothingToUndo"));
      if (res.change) afterSpeakerChange();
    } catch (e) {
      announce(t("speakerFailed", { error: errorText(t, e) }), { error: true });
    } finally {
      setSpeakerBusy(false);
    }
  }, [base, announce, afterSpeakerChange, t]);
  const speakerCall = useCallback(
    async (path: string, body: unknown, done: string): Promise<boolean> => {
      setSpeakerBusy(true);
      try {
        const res = await api.post<SpeakerChangeResponse>(`${base}/speakers/${path}`, body);
        if (!res.change) announce(t("nothingChanged"));
        else {
          afterSpeakerChange();
          announce(done, { undo: () => void undoSpeaker() });
        }
        return true;
      } catch (e) {
        announce(t("speakerFailed", { error: errorText(t, e) }), { error: true });
        return false;
      } finally {
        setSpeakerBusy(false);
      }
    },
    [base, announce, afterSpeakerChange, undoSpeaker, t],
  );
  const speakerActions = useMemo<SpeakerActions>(
    () => ({
      relabel: (segmentId: number, scope: RelabelScope, to: string) => {
        const index = segmentsRef.current.findIndex((s) => s.id === segmentId);
        const n = countScope(segmentsRef.current, index, scope);
        return speakerCall(
          "relabel",
          { segmentId, scope, to },
          t(n === 1 ? "relabelledOne" : "relabelled", { n, name: to }),
        );
      },
      rename: (from: string, to: string) => speakerCall("rename", { from, to }, t("renamed", { from, to })),
      merge: (from: string, into: string) => speakerCall("merge", { from, into }, t("merged", { from, to: into })),
    }),
    [speakerCall, t],
  );
  const openSpeakerMenu = useCallback((index: number, anchor: HTMLElement) => {
    setWantSuggestions(true);
    setMenu({ index, anchor });
  }, []);
  const closeMenu = useCallback(() => setMenu(null), []);
  const dismiss = useCallback(
    (s: SpeakerSuggestionJson) => {
      setDismissed((old) => {
        const next = new Set(old).add(s.segmentId);
        writeIds(dismissedKey, next);
        return next;
      });
    },
    [dismissedKey],
  );

  // --- Layout: the transcript and the side panel fill the window above the player bar.
  const mainRef = useRef<HTMLDivElement | null>(null);
  const [paneHeight, setPaneHeight] = useState(520);
  useLayoutEffect(() => {
    const measure = () => {
      const el = mainRef.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top + window.scrollY;
      setPaneHeight(Math.max(360, Math.round(window.innerHeight - top - PLAYER_HEIGHT - 20)));
    };
    measure();
    window.addEventListener("resize", measure);
    const observer = new ResizeObserver(measure);
    const top = mainRef.current?.previousElementSibling;
    if (top) observer.observe(top);
    return () => {
      window.removeEventListener("resize", measure);
      observer.disconnect();
    };
  }, []);

  const [tab, setTab] = useState<"marks" | "speakers">("marks");
  const currentChapter = chapters.length > 0 ? chapterAt(chapters, player.currentMs) : -1;

  return (
    <div className="listen">
      <div className="listen-top">
        <div className="listen-toolbar">
          {/* biome-ignore lint/a11y/useSemanticElements: a group of toggle buttons */}
          <div className="pass-switch" role="group" aria-label={t("passes")}>
            {PASSES.map((p) => (
              <button
                type="button"
                key={p}
                className="pass-option"
                aria-pressed={episode.pass === p}
                onClick={() => {
                  if (episode.pass !== p)
                    setPass(p).catch((e: unknown) =>
                      announce(t("saveFailed", { error: errorText(t, e) }), { error: true }),
                    );
                }}
              >
                {t(p === 1 ? "pass1" : p === 2 ? "pass2" : "pass3")}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="mark-button"
            // A mouse press leaves the focus where it was, so space still plays and pauses.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void markMoment()}
            title={`${t("markMoment")} (M)`}
          >
            ⚑ {t("markMoment")} <kbd>M</kbd>
          </button>
          <button
            type="button"
            className="term-button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void markTerm()}
            data-ready={selection ? "true" : undefined}
            title={t("markTermHint")}
          >
            ? {t("markTerm")} <kbd>T</kbd>
          </button>
          {chapters.length > 0 ? (
            <label className="chapter-jump">
              <span className="visually-hidden">{t("chapters")}</span>
              <select
                aria-label={t("chapters")}
                value={currentChapter >= 0 ? String(currentChapter) : ""}
                onChange={(e) => {
                  const i = Number(e.target.value);
                  const chapter = chapters[i];
                  if (!chapter) return;
                  playerRef.current.seek(chapter.startMs, playerRef.current.playing);
                  transcript.current?.revealChapter(i);
                }}
              >
                {currentChapter < 0 ? <option value="">{t("chooseChapter")}</option> : null}
                {chapters.map((c, i) => (
                  <option key={`${c.startMs}-${c.title}`} value={i}>
                    {formatTime(c.startMs)} {c.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
        <PassTimeline
          durationMs={Math.max(player.durationMs, episode.durationMs)}
          spans={spans}
          marks={marks ?? []}
          chapters={chapters}
          pass={episode.pass}
          currentMs={player.currentMs}
          onSeek={seek}
        />
        <ChapterSummaries episodeId={episode.id} currentMs={player.currentMs} onSeek={seek} />
        {termDraft ? (
          <form
            className="term-draft"
            onSubmit={(e) => {
              e.preventDefault();
              void submitTermDraft();
            }}
            onKeyDown={(e) => {
              if (e.key === "Escape") setTermDraft(null);
            }}
          >
            <label>
              <span>
                {t("typeTerm")} <span className="muted">{t("typeTermAt", { time: formatTime(termDraft.atMs) })}</span>
              </span>
              <input
                type="text"
                // biome-ignore lint/a11y/noAutofocus: opened by the learner's own key press or click
                autoFocus
                maxLength={200}
                value={termDraft.text}
                onChange={(e) => setTermDraft({ ...termDraft, text: e.target.value })}
              />
            </label>
            <button type="submit" className="primary" disabled={!termDraft.text.trim()}>
              {t("markIt")}
            </button>
            <button type="button" onClick={() => setTermDraft(null)}>
              {t("cancel")}
            </button>
          </form>
        ) : null}
        <div className={`listen-status${status?.error ? " error-tone" : ""}`} role="status" aria-live="polite">
          {status ? (
            <>
              <span>{status.text}</span>
              {status.undo ? (
                <button type="button" className="undo-button" onClick={status.undo}>
                  {t("undo")}
                </button>
              ) : null}
            </>
          ) : (
            <span className="muted">{t("transcriptHelp")}</span>
          )}
        </div>
      </div>
      <div className="listen-main" ref={mainRef}>
        <Transcript
          handle={transcript}
          segments={segments}
          chapters={chapters}
          currentIndex={currentIndex}
          marks={markMap}
          suggestions={suggestionMap}
          speakerColor={speakerColor}
          onSeek={seekFromTranscript}
          onSpeakerMenu={openSpeakerMenu}
          onSelection={setSelection}
          onMarkTerm={() => void markTerm()}
          selection={selection}
          height={paneHeight}
        />
        <aside
          className="listen-side card"
          style={{ "--pane-height": `${paneHeight}px` } as React.CSSProperties}
          aria-label={t("panel")}
        >
          <div className="side-tabs" role="tablist">
            {(["marks", "speakers"] as const).map((id) => (
              <button
                type="button"
                role="tab"
                key={id}
                id={`listen-tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`listen-panel-${id}`}
                tabIndex={tab === id ? 0 : -1}
                onClick={() => {
                  setTab(id);
                  if (id === "speakers") setWantSuggestions(true);
                }}
                onKeyDown={(e) => {
                  if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
                    const next = id === "marks" ? "speakers" : "marks";
                    setTab(next);
                    if (next === "speakers") setWantSuggestions(true);
                    document.getElementById(`listen-tab-${next}`)?.focus();
                  }
                }}
              >
                {id === "marks" ? `${t("marks")}${marks ? ` (${marks.length})` : ""}` : t("speakers")}
              </button>
            ))}
          </div>
          <div className="side-body" role="tabpanel" id={`listen-panel-${tab}`} aria-labelledby={`listen-tab-${tab}`}>
            {tab === "marks" ? (
              <>
                {marksApi.error ? <ErrorMessage error={marksApi.error} /> : null}
                <MarksPanel
                  episodeId={episode.id}
                  marks={marks}
                  pass={episode.pass}
                  segments={segments}
                  freshId={freshId}
                  onSeek={seek}
                  onRate={rate}
                  onDelete={removeMark}
                />
              </>
            ) : (
              <>
                {speakersApi.error ? <ErrorMessage error={speakersApi.error} /> : null}
                <SpeakersPanel
                  speakers={speakersApi.data?.speakers ?? null}
                  changes={speakersApi.data?.changes ?? []}
                  suggestions={suggestions}
                  speakerColor={speakerColor}
                  busy={speakerBusy}
                  onUndo={() => void undoSpeaker()}
                  onReveal={(_segmentId, startMs) => seek(startMs)}
                  onAccept={(s) => void speakerActions.relabel(s.segmentId, "paragraph", s.suggested)}
                  onDismiss={dismiss}
                />
              </>
            )}
          </div>
        </aside>
      </div>
      {menu && segments[menu.index] ? (
        <SpeakerMenu
          segments={segments}
          index={menu.index}
          speakers={speakersApi.data?.speakers ?? speakerNames.map((name, i) => fallbackSpeaker(name, i))}
          suggestion={suggestionMap.get((segments[menu.index] as { id: number }).id)}
          anchor={menu.anchor}
          actions={speakerActions}
          onClose={closeMenu}
        />
      ) : null}
    </div>
  );
}

/** An API failure as a phrase to put in a sentence. */
function errorText(t: Translate<MessageKey>, e: unknown): string {
  if (e instanceof ApiError && e.offline) return t("offline");
  return e instanceof Error ? e.message : String(e);
}

function chapterAt(chapters: { startMs: number }[], ms: number): number {
  let found = -1;
  chapters.forEach((c, i) => {
    if (c.startMs <= ms) found = i;
  });
  return found;
}

function countScope(segments: SegmentJson[], index: number, scope: RelabelScope): number {
  if (scope === "paragraph" || index < 0) return 1;
  const extent = turnExtent(segments, index);
  return scope === "turn" ? extent.turn : extent.untilChange;
}

function fallbackSpeaker(name: string, i: number) {
  return { id: -1 - i, name, role: "speaker" as const, anonymous: false, paragraphs: 0 };
}

function readIds(key: string): Set<number> {
  try {
    const raw = JSON.parse(localStorage.getItem(key) ?? "[]") as unknown;
    return new Set(Array.isArray(raw) ? raw.filter((n): n is number => typeof n === "number") : []);
  } catch {
    return new Set();
  }
}

function writeIds(key: string, ids: Set<number>): void {
  try {
    localStorage.setItem(key, JSON.stringify([...ids]));
  } catch {
    // Dismissals are a convenience.
  }
}
