import {
  countWords,
  detectLanguage,
  estimateSpeakingMs,
  formatTimecode,
  ImportError,
  type Language,
  normalizeSpace,
  type Transcript,
  type TranscriptChapter,
  type TranscriptPerson,
  type TranscriptSegment,
} from "../core/index.js";

/** A transcript checked and tidied for the library: what every import stores. */
export interface FinalTranscript extends Transcript {
  language: Language;
  segments: TranscriptSegment[];
  chapters: (TranscriptChapter & { endMs: number })[];
  durationMs: number;
  wordCount: number;
  /** The voices of the episode with their roles, in order of first appearance. */
  people: TranscriptPerson[];
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
      const spoken = s.startMs + estimateSpeakingMs(s.text, t.language === "zh" ? "zh" : "en");
      s.endMs = next ? Math.max(s.startMs, Math.min(spoken, next.startMs)) : spoken;
    }
  }

  const durationMs = segments.reduce((max, s) => Math.max(max, s.endMs), 0);
  const chapters = closeChapters(t.chapters, durationMs);
  const wordCount = segments.reduce((n, s) => n + countWords(s.text), 0);
  const people = peopleOfEpisode(segments, t.people ?? []);

  return {
    ...t,
    segments,
    chapters,
    durationMs,
    wordCount,
    people,
    speakers: people.map((p) => p.name),
    language:
      languageOverride ?? (t.language && t.language !== "und" ? t.language : detectLanguage(sampleText(segments))),
  };
}

/**
 * The people of an episode are the voices of its transcript, in order of first appearance; a
 * listed person (from the page or the feed) gives a voice its role, matched by full name or by first
 * name ("Lex" speaks for the host "Lex Fridman"). Listed people who never speak are left out,
 * unless the transcript names no voice at all.
 */
function peopleOfEpisode(segments: TranscriptSegment[], listed: TranscriptPerson[]): TranscriptPerson[] {
  const voices: string[] = [];
  for (const s of segments) if (s.speaker && !voices.includes(s.speaker)) voices.push(s.speaker);
  if (voices.length === 0) return dedupePeople(listed);
  return voices.map((name) => {
    const key = name.toLowerCase();
    const match =
      listed.find((p) => p.name.toLowerCase() === key) ??
      listed.find((p) => p.name.toLowerCase().split(/\s+/)[0] === key);
    return { name, role: match?.role ?? "speaker" };
  });
}

function dedupePeople(people: TranscriptPerson[]): TranscriptPerson[] {
  const seen = new Set<string>();
  return people.filter((p) => !seen.has(p.name) && seen.add(p.name));
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
