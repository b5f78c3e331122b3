import type { Transcript, TranscriptChapter } from "../core/index.js";
import { decodeEntities, ImportError, normalizeSpace, parseTimecode } from "../core/index.js";
import type { ParseContext } from "./parser.js";
import { joinText } from "./segments.js";
import {
  detectTranscriptLanguage,
  distinctSpeakers,
  finishTimedSegments,
  firstContentLine,
  headLines,
  isSpeakerName,
  peopleFromSpeakers,
  splitLines,
  type TimedParagraph,
} from "./speaker-timestamp-lines.js";

/*
 * `Name [hh:mm:ss]: text`, the transcript style of Latent Space and other Substack newsletters. The
 * transcript sits inside the newsletter: front matter, subscribe prompts, show notes, links and a
 * "Timestamps" list come first, an unsubscribe footer last. Only the labelled turns are speech.
 */

const TIME = String.raw`\d{1,3}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?`;
/** `Alessio [00:00:00]: text`, also `**Alessio** [00:00:00]: text` and `Alessio [00:00]` without the colon. */
const TURN = new RegExp(
  String.raw`^(?:\*\*)?([^\s*\[\]:\-•>#][^*\[\]:]{0,59}?)(?:\*\*)?\s*\[(${TIME})\]\s*(?:\*\*)?\s*:?\s*(?:\*\*)?\s*(.*)$`,
  "u",
);
/** `00:01:37 Title`, `[00:01:37] Title`, `- (01:37) – Title` in the show notes' Timestamps list. */
const TIMESTAMP_ITEM = new RegExp(String.raw`^\s*(?:[-*•+]\s*)?[\[(]?(${TIME})[\])]?\s*(?:[-–—:|]\s*)?(\S.*)$`, "u");
const MD_LINK = /!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g;

/**
 * Parses `Name [hh:mm:ss]: text` transcripts inside newsletter text: the Timestamps list becomes the
 * published chapters (and the chapter title lines repeated inside the transcript are not speech);
 * front matter gives title and show; everything before the first turn and after the last is
 * newsletter, not speech. An unlabelled paragraph between turns continues the turn before it.
 * @throws ImportError naming the line for a malformed or backwards timestamp, or when no turn is found.
 */
export function parseNameBracketTimestamp(text: string, ctx: ParseContext): Transcript {
  const lines = splitLines(text);
  const front = readFrontMatter(lines);
  let title = front.fields.title ?? front.fields.subject;
  const show = front.fields.newsletter_name ?? front.fields.show ?? front.fields.podcast;

  // Pass 1: where the turns are, so the newsletter before and after them can be told apart.
  let firstTurn = -1;
  let lastTurn = -1;
  for (let i = front.end; i < lines.length; i++) {
    if (matchTurn(lines[i] ?? "")) {
      if (firstTurn < 0) firstTurn = i;
      lastTurn = i;
    }
  }
  if (firstTurn < 0) {
    throw new ImportError("no transcript turns found: expected lines like `Name [hh:mm:ss]: text`", {
      file: ctx.fileName,
      line: firstContentLine(lines),
    });
  }

  const listed: TranscriptChapter[] = [];
  // A time at the start of one show-notes line ("2:30 pm ...") is not a list: take runs of three or
  // more timed lines, or any run under a "Timestamps" / "Chapters" line.
  let run: TranscriptChapter[] = [];
  let underHeader = false;
  const closeRun = () => {
    if (run.length >= 3 || (run.length > 0 && underHeader)) listed.push(...run);
    run = [];
  };
  for (let i = front.end; i < firstTurn; i++) {
    const line = (lines[i] ?? "").trim();
    if (!line) continue;
    const heading = /^#\s+(.+)$/.exec(line);
    if (heading && !title) title = cleanText(heading[1] ?? "");
    const item = TIMESTAMP_ITEM.exec(line);
    const startMs = item ? parseTimecode(item[1] ?? "") : null;
    const itemTitle = item ? cleanText(item[2] ?? "") : "";
    if (startMs !== null && itemTitle && !/^https?:/.test(itemTitle)) {
      run.push({ title: itemTitle, startMs, source: "published" });
      continue;
    }
    closeRun();
    underHeader = /^(?:#+\s*)?(?:\*\*)?(?:timestamps|chapters|show notes|timeline|contents)\b/i.test(line);
  }
  closeRun();
  const listedKeys = new Set(listed.map((c) => titleKey(c.title)));

  const paragraphs: TimedParagraph[] = [];
  const headings: { title: string; index: number }[] = [];
  let joinNext = false;
  for (let i = firstTurn; i <= lastTurn; i++) {
    const line = (lines[i] ?? "").trim();
    const lineNo = i + 1;
    if (!line) {
      joinNext = false;
      continue;
    }
    const turn = matchTurn(line);
    if (turn) {
      const startMs = parseTimecode(turn.time);
      if (startMs === null) {
        throw new ImportError(`"[${turn.time}]" at line ${lineNo} is not a time code like [01:02:03]`, {
          file: ctx.fileName,
          line: lineNo,
        });
      }
      paragraphs.push({ startMs, speaker: turn.speaker, text: cleanText(turn.text), sourceLine: lineNo });
      joinNext = true;
      continue;
    }
    const heading = /^#{1,6}\s+(.+)$/.exec(line);
    const content = cleanText(heading ? (heading[1] ?? "") : line);
    // The chapter titles are repeated as lines inside the transcript; they mark chapters, not speech.
    if (listedKeys.has(titleKey(content))) continue;
    if (heading || (listed.length === 0 && looksLikeHeading(content) && matchTurn(lines[i + 1] ?? ""))) {
      headings.push({ title: content, index: paragraphs.length });
      continue;
    }
    if (isBoilerplate(content)) continue;
    const last = paragraphs[paragraphs.length - 1];
    if (last && joinNext) last.text = joinText(last.text, content);
    else if (last) paragraphs.push({ ...last, text: content, sourceLine: lineNo });
    joinNext = true;
  }

  const segments = finishTimedSegments(paragraphs, ctx);
  const chapters = [...listed];
  for (const h of headings) {
    const at = paragraphs[h.index];
    if (at) chapters.push({ title: h.title, startMs: at.startMs, source: "published" });
  }
  chapters.sort((a, b) => a.startMs - b.startMs);
  return {
    format: "name-bracket-timestamp",
    ...(title ? { title } : {}),
    ...(show ? { show } : {}),
    language: detectTranscriptLanguage(segments),
    people: peopleFromSpeakers(distinctSpeakers(segments)),
    segments,
    chapters,
  };
}

/**
 * True when the first ~200 lines hold `Name [hh:mm:ss]: text` turns (newsletter text around them is fine).
 */
export function looksLikeNameBracketTimestamp(text: string): boolean {
  let turns = 0;
  let content = 0;
  for (const line of headLines(text)) {
    if (!line.trim()) continue;
    content++;
    if (matchTurn(line)) turns++;
  }
  return turns >= 5 || (turns >= 1 && turns * 2 >= content);
}

function matchTurn(line: string): { speaker: string; time: string; text: string } | null {
  const m = TURN.exec(line.trim());
  if (!m) return null;
  const speaker = (m[1] ?? "").trim();
  if (!isSpeakerName(speaker)) return null;
  return { speaker, time: m[2] ?? "", text: m[3] ?? "" };
}

/** YAML front matter between `---` lines at the very top: the newsletter's metadata. */
function readFrontMatter(lines: string[]): { fields: Record<string, string>; end: number } {
  const fields: Record<string, string> = {};
  if ((lines[0] ?? "").trim() !== "---") return { fields, end: 0 };
  for (let i = 1; i < Math.min(lines.length, 200); i++) {
    const line = lines[i] ?? "";
    if (line.trim() === "---") return { fields, end: i + 1 };
    const m = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (m?.[1] && m[2]) fields[m[1].toLowerCase()] = m[2].replace(/^(["'])(.*)\1$/, "$2").trim();
  }
  return { fields: {}, end: 0 };
}

/** A short line without closing punctuation, right before a turn: a section title. */
function looksLikeHeading(line: string): boolean {
  const words = line.split(/\s+/).length;
  return words <= 14 && !/[.!?,;…"”]$/.test(line) && /^[\p{Lu}\p{N}]/u.test(line);
}

/** Newsletter furniture that can sit between turns: links, subscribe and share prompts. */
function isBoilerplate(line: string): boolean {
  if (/^(?:https?:\/\/\S+|\[[^\]]*\]\([^)]*\))$/.test(line)) return true;
  return /^(?:unsubscribe|subscribe|share|leave a comment|thanks for reading|view this post on the web|listen now|watch now|read more)\b/i.test(
    line,
  );
}

function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function cleanText(text: string): string {
  const linked = text.replace(MD_LINK, (whole, label: string) => (whole.startsWith("!") ? "" : label));
  return normalizeSpace(decodeEntities(linked.replace(/\*\*|__/g, "")));
}
