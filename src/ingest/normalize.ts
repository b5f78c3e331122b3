import {
  countWords,
  detectLanguage,
  formatTimecode,
  ImportError,
  type Language,
  normalizeSpace,
  type Transcript,
  type TranscriptChapter,
  type TranscriptSegment,
} from "../core/index.js";

/** A transcript checked and tidied for the library: what every import stores. */
export interface FinalTranscript extends Transcript {
  language: Language;
  segments: TranscriptSegment[];
  chapters: (TranscriptChapter & { endMs: number })[];
  durationMs: number;
  wordCount: number;
  speakers: string[];
}

/** How far a start may step back before we call it "running backwards" (real files jitter). */
const BACKWARDS_TOLERANCE_MS = 1000;

/**
 * Checks the timeline and fills what parsers leave open: empty segments dropped, whitespace
 * tidied, ends that are missing filled, chapters closed, language detected. Throws ImportError
 * naming the line for timestamps that run backwards or cues that overlap.
 */
export function finalizeTranscript(t: Transcript, file: string, languageOverride?: Language): FinalTranscript {
  const segments: TranscriptSegment[] = [];
  for (const s of t.segments) {
    const text = normalizeSpace(s.text);
    if (!text) continue;
    if (!Number.isFinite(s.startMs) || !Number.isFinite(s.endMs) || s.startMs < 0) {
      throw new ImportError(`a segment has an invalid time (${s.startMs})`, { file, line: s.sourceLine });
    }
    segments.push({ ...s, text, speaker: s.speaker ? normalizeSpace(s.speaker) : null });
  }
  if (segments.length === 0) throw new ImportError("no spoken text was found in the file", { file });

  for (let i = 1; i < segments.length; i++) {
    const prev = segments[i - 1] as TranscriptSegment;
    const cur = segments[i] as TranscriptSegment;
    if (cur.startMs < prev.startMs - BACKWARDS_TOLERANCE_MS) {
      throw new ImportError(
        `timestamps run backwards: ${formatTimecode(cur.startMs)} comes after ${formatTimecode(prev.startMs)}${prev.sourceLine ? ` (line ${prev.sourceLine})` : ""}`,
        { file, line: cur.sourceLine },
      );
    }
    if (cur.endMs > cur.startMs && cur.endMs <= prev.endMs && cur.startMs < prev.endMs - BACKWARDS_TOLERANCE_MS) {
      // A cue wholly inside the previous one: two captions claim the same moment.
      throw new ImportError(
        `this cue (${formatTimecode(cur.startMs)}–${formatTimecode(cur.endMs)}) overlaps the one before it (${formatTimecode(prev.startMs)}–${formatTimecode(prev.endMs)})`,
        { file, line: cur.sourceLine },
      );
    }
  }

  // Fill ends that parsers could not know (paragraph transcripts give only starts).
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i] as TranscriptSegment;
    const next = segments[i + 1];
    if (s.endMs <= s.startMs) {
      const spoken = s.startMs + Math.round((countWords(s.text) / 2.5) * 1000);
      s.endMs = next ? Math.max(s.startMs, Math.min(spoken, next.startMs)) : spoken;
    }
  }

  const durationMs = segments.reduce((max, s) => Math.max(max, s.endMs), 0);
  const chapters = closeChapters(t.chapters, durationMs);
  const wordCount = segments.reduce((n, s) => n + countWords(s.text), 0);
  const speakers: string[] = [];
  for (const p of t.people ?? []) if (!speakers.includes(p.name)) speakers.push(p.name);
  for (const s of segments) if (s.speaker && !speakers.includes(s.speaker)) speakers.push(s.speaker);

  return {
    ...t,
    segments,
    chapters,
    durationMs,
    wordCount,
    speakers,
    language: languageOverride ?? (t.language && t.language !== "und" ? t.language : detectLanguage(sampleText(segments))),
  };
}

function closeChapters(chapters: TranscriptChapter[], durationMs: number): (TranscriptChapter & { endMs: number })[] {
  const sorted = chapters
    .map((c) => ({ ...c, title: normalizeSpace(c.title) }))
    .filter((c) => c.title && Number.isFinite(c.startMs) && c.startMs >= 0)
    .sort((a, b) => a.startMs - b.startMs);
  return sorted.map((c, i) => ({
    ...c,
    endMs: Math.max(c.startMs, sorted[i + 1]?.startMs ?? Math.max(durationMs, c.startMs)),
  }));
}

function sampleText(segments: TranscriptSegment[]): string {
  let out = "";
  for (const s of segments) {
    out += `${s.text}\n`;
    if (out.length > 50_000) break;
  }
  return out;
}
