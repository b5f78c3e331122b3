import type { Transcript, TranscriptChapter } from "../core/index.js";
import { decodeEntities, detectLanguage, ImportError, normalizeSpace } from "../core/index.js";
import type { ParseContext } from "./parser.js";
import { estimateTimeline, type UntimedUnit } from "./plain-text.js";
import { joinText } from "./segments.js";
import {
  distinctSpeakers,
  firstContentLine,
  headLines,
  peopleFromSpeakers,
  splitLines,
} from "./speaker-timestamp-lines.js";

/*
 * Diarized markdown without timestamps: `**Name:** text` turns (Chinese translations write the
 * full-width colon, `**名字：**`), `## ` headings as chapters, editorial matter (a summary, a table of
 * contents in a code block, images, `> editor` notes) around them. Times are estimated from word
 * counts, and the transcript says so.
 */

/** `**Name:** text` or `**Name**: text`, ASCII or full-width colon. */
const TURN = /^\*\*([^*]{1,60}?)\s*[:：]\s*\*\*\s*(.*)$|^\*\*([^*]{1,60}?)\*\*\s*[:：]\s*(.*)$/u;
/** Bold labels that are document metadata, not people. */
const NOT_SPEAKERS = new Set([
  "from",
  "to",
  "date",
  "source",
  "title",
  "subject",
  "tags",
  "author",
  "editor",
  "link",
  "url",
  "published",
  "duration",
  "note",
  "summary",
  "日期",
  "来源",
  "作者",
  "编辑",
  "标题",
  "链接",
  "注",
]);
const MD_LINK = /!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)/g;

/**
 * Parses `**Name:** text` / `**名字：**` turns without timestamps into segments in order, timed by
 * an estimate from word counts (SPEECH_RATE_PER_MINUTE in plain-text.ts) with
 * `timingEstimated: true`. A paragraph without a label continues the turn before it (same speaker);
 * `## ` headings are chapters starting at their first segment; matter before the first turn, block
 * quotes, images, code blocks and front matter are not speech.
 * @throws ImportError when no labelled turn is found.
 */
export function parseDiarizedMarkdown(text: string, ctx: ParseContext): Transcript {
  const lines = splitLines(text);
  const units: UntimedUnit[] = [];
  const headings: { title: string; index: number; line: number }[] = [];
  let title: string | undefined;
  let speaker: string | null = null;
  let paragraphBreak = true;
  let fence: string | null = null;
  let i = skipFrontMatter(lines);

  for (; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    const lineNo = i + 1;
    const fenceMark = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (fenceMark?.startsWith(fence)) fence = null;
      continue;
    }
    if (fenceMark) {
      fence = fenceMark;
      continue;
    }
    if (!line) {
      paragraphBreak = true;
      continue;
    }
    const heading = /^(#{1,6})\s+(.*?)\s*#*$/.exec(line);
    if (heading) {
      const content = cleanChapterTitle(heading[2] ?? "");
      if ((heading[1] ?? "").length === 1) title ??= content || undefined;
      else if (content) headings.push({ title: content, index: units.length, line: lineNo });
      paragraphBreak = true;
      continue;
    }
    // Editor's notes, images alone on a line, rules and HTML comments are not part of the conversation.
    if (/^>|^<!--|^(?:[-*_]\s*){3,}$/.test(line) || /^(?:!\[[^\]]*\]\([^)]*\)\s*)+$/.test(line)) {
      paragraphBreak = true;
      continue;
    }
    const turn = matchTurn(line);
    if (turn) {
      speaker = turn.speaker;
      const words = cleanMarkdown(turn.text);
      units.push({ speaker, text: words, sourceLine: lineNo });
      paragraphBreak = false;
      continue;
    }
    if (speaker === null) continue; // before the first turn: summary, contents, credits
    const listItem = /^(?:[-*+•]|\d{1,3}[.)])\s+/.test(line);
    const words = cleanMarkdown(line.replace(/^(?:[-*+•])\s+/, ""));
    if (!words) continue;
    const last = units[units.length - 1];
    // A line right under another (no blank line) is the same paragraph, wrapped; a label alone on its
    // line takes the paragraph below it.
    if (last && (!last.text || (!paragraphBreak && !listItem))) last.text = joinText(last.text, words);
    else units.push({ speaker, text: words, sourceLine: lineNo });
    paragraphBreak = false;
  }

  const spoken = units.filter((u) => u.text.length > 0);
  if (spoken.length === 0) {
    throw new ImportError("no speaker turns found: expected paragraphs like `**Name:** text` or `**名字：** text`", {
      file: ctx.fileName,
      line: firstContentLine(lines),
    });
  }

  const language = detectLanguage(sample(spoken));
  const timed = estimateTimeline(units, language);
  const chapters: TranscriptChapter[] = [];
  for (let h = 0; h < headings.length; h++) {
    const cur = headings[h] as (typeof headings)[number];
    const next = headings[h + 1];
    // A heading with no speech of its own (an editor's introduction, a heading right before another) is no chapter.
    if (next && next.index === cur.index) continue;
    let k = cur.index;
    while (k < timed.length && !timed[k]?.text) k++;
    const first = timed[k];
    if (!first || (next && k >= next.index)) continue;
    chapters.push({ title: cur.title, startMs: first.startMs, source: "published" });
  }
  const segments = timed.filter((s) => s.text.length > 0);
  return {
    format: "diarized-markdown",
    ...(title ? { title } : {}),
    language,
    people: peopleFromSpeakers(distinctSpeakers(segments)),
    segments,
    chapters,
    timingEstimated: true,
  };
}

/**
 * True when the first ~200 lines hold `**Name:** text` turns by recurring speakers (bold metadata
 * lines like `**Date:**` alone do not count).
 */
export function looksLikeDiarizedMarkdown(text: string): boolean {
  const counts = new Map<string, number>();
  let turns = 0;
  let content = 0;
  for (const line of headLines(text)) {
    const t = line.trim();
    if (!t) continue;
    content++;
    const turn = matchTurn(t);
    if (!turn) continue;
    turns++;
    counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
  }
  const recurring = [...counts.values()].some((n) => n >= 2);
  return (turns >= 3 && recurring) || (turns >= 2 && turns * 2 >= content);
}

function matchTurn(line: string): { speaker: string; text: string } | null {
  const m = TURN.exec(line);
  if (!m) return null;
  const speaker = normalizeSpace(m[1] ?? m[3] ?? "");
  if (!speaker || speaker.split(" ").length > 5 || NOT_SPEAKERS.has(speaker.toLowerCase())) return null;
  if (!/[\p{L}]/u.test(speaker)) return null;
  return { speaker, text: m[2] ?? m[4] ?? "" };
}

/** `**01.** 背景介绍` -> `背景介绍`: the numbering repeats the order the list already has. */
function cleanChapterTitle(heading: string): string {
  return cleanMarkdown(heading).replace(/^\d{1,3}[.、:：]\s*/u, "");
}

function cleanMarkdown(text: string): string {
  const linked = text.replace(MD_LINK, (whole, label: string) => (whole.startsWith("!") ? "" : label));
  return normalizeSpace(decodeEntities(linked.replace(/\*\*|__/g, "")));
}

function skipFrontMatter(lines: string[]): number {
  if ((lines[0] ?? "").trim() !== "---") return 0;
  for (let i = 1; i < Math.min(lines.length, 200); i++) if ((lines[i] ?? "").trim() === "---") return i + 1;
  return 0;
}

function sample(units: UntimedUnit[]): string {
  let out = "";
  for (const u of units) {
    out += `${u.text}\n`;
    if (out.length > 50_000) break;
  }
  return out;
}
