import type {
  ChapterJson,
  ListenSpanJson,
  MarkJson,
  PassNumber,
  SegmentJson,
} from "../../../../src/server/contract/index.js";

/**
 * The listen page's pure logic: which paragraph is playing, the rows of the virtual list
 * (chapter headings between paragraphs), turns, listened stretches. No React, no DOM.
 */

/** The index of the paragraph playing at `ms` (the last one starting at or before it), -1 before the first. */
export function paragraphAt(segments: readonly SegmentJson[], ms: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((segments[mid] as SegmentJson).startMs <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The chapters to show: the published ones when the source has them, else the detected ones. */
export function chooseChapters(chapters: readonly ChapterJson[]): ChapterJson[] {
  const published = chapters.filter((c) => c.source === "published");
  return [...(published.length > 0 ? published : chapters)].sort((a, b) => a.startMs - b.startMs);
}

export type Row =
  | { kind: "chapter"; key: string; chapter: ChapterJson; chapterIndex: number }
  | { kind: "para"; key: string; segment: SegmentJson; segmentIndex: number; turnStart: boolean };

/** The transcript's rows: each chapter heading before the first paragraph at or after its start. */
export function buildRows(
  segments: readonly SegmentJson[],
  chapters: readonly ChapterJson[],
): { rows: Row[]; rowOfSegment: number[]; rowOfChapter: number[] } {
  const rows: Row[] = [];
  const rowOfSegment: number[] = [];
  const rowOfChapter: number[] = [];
  let c = 0;
  segments.forEach((segment, i) => {
    let headed = false;
    while (c < chapters.length && (chapters[c] as ChapterJson).startMs <= segment.startMs) {
      // Several chapters before one paragraph: only the last is a heading (the others are empty).
      const next = chapters[c + 1];
      if (!next || next.startMs > segment.startMs) {
        rowOfChapter[c] = rows.length;
        rows.push({ kind: "chapter", key: `c${c}`, chapter: chapters[c] as ChapterJson, chapterIndex: c });
        headed = true;
      } else rowOfChapter[c] = rows.length;
      c++;
    }
    const previous = segments[i - 1];
    rowOfSegment[i] = rows.length;
    rows.push({
      kind: "para",
      key: `s${segment.id}`,
      segment,
      segmentIndex: i,
      turnStart: headed || !previous || previous.speaker !== segment.speaker,
    });
  });
  for (; c < chapters.length; c++) rowOfChapter[c] = Math.max(0, rows.length - 1);
  return { rows, rowOfSegment, rowOfChapter };
}

/** How many paragraphs a relabel from paragraph `index` touches: its whole turn, and from it to the turn's end. */
export function turnExtent(segments: readonly SegmentJson[], index: number): { turn: number; untilChange: number } {
  const speaker = segments[index]?.speaker;
  let first = index;
  while (first > 0 && segments[first - 1]?.speaker === speaker) first--;
  let last = index;
  while (last + 1 < segments.length && segments[last + 1]?.speaker === speaker) last++;
  return { turn: last - first + 1, untilChange: last - index + 1 };
}

/** Stretches merged into disjoint, sorted ones. */
export function mergeSpans(spans: readonly { startMs: number; endMs: number }[]): { startMs: number; endMs: number }[] {
  const sorted = spans.filter((s) => s.endMs > s.startMs).sort((a, b) => a.startMs - b.startMs);
  const out: { startMs: number; endMs: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.startMs <= last.endMs + 1000) last.endMs = Math.max(last.endMs, s.endMs);
    else out.push({ startMs: s.startMs, endMs: s.endMs });
  }
  return out;
}

/** The share of the episode listened to in one pass, 0..1. */
export function listenedShare(spans: readonly ListenSpanJson[], pass: PassNumber, durationMs: number): number {
  if (durationMs <= 0) return 0;
  const total = mergeSpans(spans.filter((s) => s.pass === pass)).reduce(
    (sum, s) => sum + Math.min(s.endMs, durationMs) - Math.min(s.startMs, durationMs),
    0,
  );
  return Math.min(1, total / durationMs);
}

/** A paragraph's text cut into plain parts and the marked terms in it (case-insensitive, every occurrence). */
export function highlightParts(text: string, terms: readonly string[]): { text: string; marked: boolean }[] {
  const wanted = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length > 0))];
  if (wanted.length === 0) return [{ text, marked: false }];
  const lower = text.toLocaleLowerCase();
  const hits: [number, number][] = [];
  for (const term of wanted) {
    const needle = term.toLocaleLowerCase();
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      hits.push([at, at + needle.length]);
    }
  }
  hits.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const parts: { text: string; marked: boolean }[] = [];
  let pos = 0;
  for (const [start, end] of hits) {
    if (start < pos) continue;
    if (start > pos) parts.push({ text: text.slice(pos, start), marked: false });
    parts.push({ text: text.slice(start, end), marked: true });
    pos = end;
  }
  if (pos < text.length) parts.push({ text: text.slice(pos), marked: false });
  return parts;
}

/** Where in a paragraph a character falls, on the timeline (speech spread evenly over the paragraph). */
export function msAtChar(segment: SegmentJson, charOffset: number): number {
  const share = segment.text.length > 0 ? Math.max(0, Math.min(1, charOffset / segment.text.length)) : 0;
  return Math.round(segment.startMs + share * Math.max(0, segment.endMs - segment.startMs));
}

/** The marks of each paragraph. */
export function marksBySegment(marks: readonly MarkJson[]): Map<number, MarkJson[]> {
  const out = new Map<number, MarkJson[]>();
  for (const m of marks) {
    if (m.segmentId === null) continue;
    const list = out.get(m.segmentId);
    if (list) list.push(m);
    else out.set(m.segmentId, [m]);
  }
  return out;
}

/** A rough row height before it is measured: lines of text at the pane's width. */
export function estimateRowHeight(row: Row, widthPx: number): number {
  if (row.kind === "chapter") return 56;
  const text = row.segment.text;
  // CJK characters are about twice as wide as Latin letters.
  const wide = (text.match(/[\u3000-\u9fff\uff00-\uffef]/g) ?? []).length;
  const units = text.length + wide;
  const perLine = Math.max(20, (widthPx - 48) / 7.6);
  return 46 + Math.ceil(units / perLine) * 24;
}

/**
 * For buttons that play from a moment: a mouse press leaves the focus where it was, so space goes
 * on playing and pausing instead of pressing the button again. Keyboard users still reach them.
 */
export function keepFocus(e: { preventDefault: () => void }): void {
  e.preventDefault();
}
