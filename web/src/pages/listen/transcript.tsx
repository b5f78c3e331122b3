import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, type Ref, useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from "react";
import type {
  ChapterJson,
  MarkJson,
  SegmentJson,
  SpeakerSuggestionJson,
} from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { messages } from "./messages.js";
import { buildRows, estimateRowHeight, highlightParts, keepFocus, msAtChar, type Row } from "./transcript-model.js";

/** Words selected in the transcript, for a term mark. */
export interface TranscriptSelection {
  text: string;
  segmentId: number;
  /** Where the selection starts in the paragraph, on the timeline. */
  startMs: number;
}

export interface TranscriptHandle {
  /** Scrolls a paragraph into view (and follows playback again). */
  revealSegment: (segmentIndex: number) => void;
  revealChapter: (chapterIndex: number) => void;
}

interface TranscriptProps {
  segments: SegmentJson[];
  chapters: ChapterJson[];
  currentIndex: number;
  marks: Map<number, MarkJson[]>;
  suggestions: Map<number, SpeakerSuggestionJson>;
  speakerColor: (name: string | null) => number;
  onSeek: (ms: number) => void;
  onSpeakerMenu: (segmentIndex: number, anchor: HTMLElement) => void;
  onSelection: (selection: TranscriptSelection | null) => void;
  onMarkTerm: () => void;
  selection: TranscriptSelection | null;
  height: number;
  handle?: Ref<TranscriptHandle>;
}

/**
 * The transcript as a virtual list: only the rows on screen (and a few around) are in the page, so
 * the 624 paragraphs of a 4½-hour episode scroll smoothly. It follows playback (the current
 * paragraph is highlighted and kept in view) until the learner scrolls; "Back to now" returns.
 */
export function Transcript({
  segments,
  chapters,
  currentIndex,
  marks,
  suggestions,
  speakerColor,
  onSeek,
  onSpeakerMenu,
  onSelection,
  onMarkTerm,
  selection,
  height,
  handle,
}: TranscriptProps) {
  const t = useT(messages);
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const { rows, rowOfSegment, rowOfChapter } = useMemo(() => buildRows(segments, chapters), [segments, chapters]);
  const [follow, setFollow] = useState(true);
  const widthRef = useRef(800);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimateRowHeight(rows[i] as Row, widthRef.current),
    getItemKey: (i) => (rows[i] as Row).key,
    overscan: 6,
  });

  const currentRow = currentIndex >= 0 ? (rowOfSegment[currentIndex] ?? -1) : -1;
  const scrollToRow = useCallback(
    (row: number) => {
      if (row < 0) return;
      const viewport = scrollRef.current?.clientHeight ?? 600;
      const size = virtualizer.measurementsCache[row]?.size ?? 0;
      virtualizer.scrollToIndex(row, { align: size > viewport * 0.6 ? "start" : "center" });
    },
    [virtualizer],
  );

  // Follow playback: keep the current paragraph in view while following. A click on a line follows
  // again from there without moving the line away from under the pointer.
  const stayPut = useRef(false);
  useEffect(() => {
    if (stayPut.current) {
      stayPut.current = false;
      return;
    }
    if (follow && currentRow >= 0) scrollToRow(currentRow);
  }, [follow, currentRow, scrollToRow]);
  const seekHere = useCallback(
    (ms: number) => {
      stayPut.current = true;
      setFollow(true);
      onSeek(ms);
    },
    [onSeek],
  );

  // The learner scrolling (wheel, touch, keys, the scrollbar) stops following until "Back to now".
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    widthRef.current = el.clientWidth;
    const stop = () => setFollow(false);
    const onKey = (e: KeyboardEvent) => {
      if (e.target === el && ["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"].includes(e.key)) stop();
    };
    const onPointer = (e: PointerEvent) => {
      // A press on the scrollbar (outside the content box).
      if (e.target === el && e.offsetX > el.clientWidth) stop();
    };
    el.addEventListener("wheel", stop, { passive: true });
    el.addEventListener("touchmove", stop, { passive: true });
    el.addEventListener("keydown", onKey);
    el.addEventListener("pointerdown", onPointer);
    return () => {
      el.removeEventListener("wheel", stop);
      el.removeEventListener("touchmove", stop);
      el.removeEventListener("keydown", onKey);
      el.removeEventListener("pointerdown", onPointer);
    };
  }, []);

  useImperativeHandle(
    handle,
    () => ({
      revealSegment: (segmentIndex: number) => {
        setFollow(true);
        scrollToRow(rowOfSegment[segmentIndex] ?? -1);
      },
      revealChapter: (chapterIndex: number) => {
        setFollow(true);
        const row = rowOfChapter[chapterIndex];
        if (row !== undefined) virtualizer.scrollToIndex(row, { align: "start" });
      },
    }),
    [rowOfSegment, rowOfChapter, scrollToRow, virtualizer],
  );

  // Words selected inside the transcript become the pending term.
  const selectionRef = useRef(onSelection);
  selectionRef.current = onSelection;
  const segmentsRef = useRef(segments);
  segmentsRef.current = segments;
  const [bubble, setBubble] = useState<{ top: number; left: number } | null>(null);
  useEffect(() => {
    const read = () => {
      const el = scrollRef.current;
      const sel = document.getSelection();
      if (!el || !sel || sel.isCollapsed || sel.rangeCount === 0) return null;
      const range = sel.getRangeAt(0);
      if (!el.contains(range.commonAncestorContainer)) return null;
      const text = sel.toString().replace(/\s+/g, " ").trim();
      if (!text) return null;
      const startNode = range.startContainer;
      const startEl = startNode.nodeType === Node.ELEMENT_NODE ? (startNode as Element) : startNode.parentElement;
      const para = startEl?.closest<HTMLElement>("[data-segment-id]");
      const segmentId = Number(para?.dataset.segmentId);
      const segment = segmentsRef.current.find((s) => s.id === segmentId);
      if (!para || !segment) return null;
      let offset = 0;
      const textEl = para.querySelector(".para-text");
      if (textEl?.contains(startNode)) {
        const before = document.createRange();
        before.selectNodeContents(textEl);
        before.setEnd(startNode, range.startOffset);
        offset = before.toString().length;
      }
      const rect = range.getBoundingClientRect();
      return { selection: { text, segmentId, startMs: msAtChar(segment, offset) }, rect };
    };
    const onChange = () => {
      const found = read();
      selectionRef.current(found?.selection ?? null);
      setBubble(found ? { top: found.rect.bottom + 6, left: Math.max(8, found.rect.left) } : null);
    };
    document.addEventListener("selectionchange", onChange);
    const el = scrollRef.current;
    el?.addEventListener("scroll", onChange, { passive: true });
    return () => {
      document.removeEventListener("selectionchange", onChange);
      el?.removeEventListener("scroll", onChange);
    };
  }, []);

  const items = virtualizer.getVirtualItems();
  const showBackToNow = !follow && currentRow >= 0;
  return (
    <div className="transcript-pane" style={{ height }}>
      <section
        ref={scrollRef}
        className="transcript-scroll"
        aria-label={t("transcript")}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the scrolling region is reachable by keyboard
        tabIndex={0}
      >
        <div className="transcript-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const row = rows[item.index] as Row;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {row.kind === "chapter" ? (
                  <ChapterHeading chapter={row.chapter} onSeek={seekHere} />
                ) : (
                  <Paragraph
                    segment={row.segment}
                    index={row.segmentIndex}
                    turnStart={row.turnStart}
                    current={row.segmentIndex === currentIndex}
                    marks={marks.get(row.segment.id)}
                    suggestion={suggestions.get(row.segment.id)}
                    color={speakerColor(row.segment.speaker)}
                    onSeek={seekHere}
                    onSpeakerMenu={onSpeakerMenu}
                  />
                )}
              </div>
            );
          })}
        </div>
      </section>
      {showBackToNow ? (
        <button
          type="button"
          className="back-to-now primary"
          onClick={() => {
            setFollow(true);
            scrollToRow(currentRow);
          }}
        >
          ↓ {t("backToNow")}
        </button>
      ) : null}
      {bubble && selection ? (
        <button
          type="button"
          className="term-bubble primary"
          style={{ top: bubble.top, left: bubble.left }}
          // Keep the selection: a press on a button would otherwise clear it.
          onMouseDown={(e) => e.preventDefault()}
          onClick={onMarkTerm}
          title={t("markTermHint")}
        >
          {t("markTerm")} <kbd>T</kbd>
        </button>
      ) : null}
    </div>
  );
}

const ChapterHeading = memo(function ChapterHeading({
  chapter,
  onSeek,
}: {
  chapter: ChapterJson;
  onSeek: (ms: number) => void;
}) {
  const t = useT(messages);
  return (
    <h3 className="chapter-heading">
      <button
        type="button"
        className="time-link"
        onMouseDown={keepFocus}
        onClick={() => onSeek(chapter.startMs)}
        aria-label={t("playFrom", { time: formatTime(chapter.startMs) })}
      >
        {formatTime(chapter.startMs)}
      </button>
      <span>{chapter.title}</span>
    </h3>
  );
});

interface ParagraphProps {
  segment: SegmentJson;
  index: number;
  turnStart: boolean;
  current: boolean;
  marks: MarkJson[] | undefined;
  suggestion: SpeakerSuggestionJson | undefined;
  color: number;
  onSeek: (ms: number) => void;
  onSpeakerMenu: (segmentIndex: number, anchor: HTMLElement) => void;
}

const Paragraph = memo(function Paragraph({
  segment,
  index,
  turnStart,
  current,
  marks,
  suggestion,
  color,
  onSeek,
  onSpeakerMenu,
}: ParagraphProps) {
  const t = useT(messages);
  const pending = useRef(0);
  const time = formatTime(segment.startMs);
  const terms = useMemo(
    () => (marks ?? []).filter((m) => m.kind === "term" && m.selection).map((m) => m.selection as string),
    [marks],
  );
  const parts = useMemo(() => highlightParts(segment.text, terms), [segment.text, terms]);
  const moments = (marks ?? []).filter((m) => m.kind === "moment");

  /** A click on the text plays from the clicked word; a double click or a drag selects instead. */
  const onTextClick = (e: React.MouseEvent) => {
    window.clearTimeout(pending.current);
    if (e.detail > 1 || !document.getSelection()?.isCollapsed) return;
    const offset = caretOffset(e.currentTarget as HTMLElement, e.clientX, e.clientY);
    pending.current = window.setTimeout(() => {
      if (document.getSelection()?.isCollapsed === false) return;
      onSeek(offset === null ? segment.startMs : msAtChar(segment, offset));
    }, 220);
  };

  return (
    <article
      className={`para${current ? " current" : ""}${turnStart ? " turn-start" : ""}`}
      data-segment-id={segment.id}
      aria-current={current ? "true" : undefined}
      style={{ "--spk": `var(--spk-${color})` } as React.CSSProperties}
    >
      <div className="para-meta">
        <button
          type="button"
          className="time-link para-time"
          onMouseDown={keepFocus}
          onClick={() => onSeek(segment.startMs)}
          aria-label={t("playFrom", { time })}
        >
          {time}
        </button>
        <button
          type="button"
          className={`speaker-name${turnStart || suggestion ? "" : " continued"}`}
          aria-haspopup="dialog"
          aria-label={`${segment.speaker ?? t("unknownSpeaker")}: ${t("speakerMenu", { time })}`}
          title={t("speakerMenu", { time })}
          onClick={(e) => onSpeakerMenu(index, e.currentTarget)}
        >
          {segment.speaker ?? t("unknownSpeaker")}
        </button>
        {suggestion ? (
          <button
            type="button"
            className="suspect"
            aria-haspopup="dialog"
            aria-label={t("labelledAs", { labelled: suggestion.labelled, suggested: suggestion.suggested })}
            title={t("labelledAs", { labelled: suggestion.labelled, suggested: suggestion.suggested })}
            onClick={(e) => onSpeakerMenu(index, e.currentTarget)}
          >
            ?
          </button>
        ) : null}
        {moments.map((m) => (
          <span key={m.id} className="moment-pin" title={`${t("moment")} ${formatTime(m.startMs)}`}>
            ⚑
          </span>
        ))}
      </div>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the time button before it is the keyboard way to play from here */}
      <p className="para-text" onClick={onTextClick}>
        {parts.map((p, i) =>
          p.marked ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed text
            <mark key={i} className="term-mark">
              {p.text}
            </mark>
          ) : (
            p.text
          ),
        )}
      </p>
    </article>
  );
});

/** The character offset of the point (x, y) in an element's text, or null. */
function caretOffset(el: HTMLElement, x: number, y: number): number | null {
  const doc = document as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  let node: Node | null = null;
  let offset = 0;
  if (doc.caretPositionFromPoint) {
    const pos = doc.caretPositionFromPoint(x, y);
    node = pos?.offsetNode ?? null;
    offset = pos?.offset ?? 0;
  } else if (document.caretRangeFromPoint) {
    const range = document.caretRangeFromPoint(x, y);
    node = range?.startContainer ?? null;
    offset = range?.startOffset ?? 0;
  }
  if (!node || !el.contains(node)) return null;
  const before = document.createRange();
  before.selectNodeContents(el);
  before.setEnd(node, offset);
  return before.toString().length;
}
