import { Parser } from "htmlparser2";
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
  splitShowFromTitle,
  stripSiteFooter,
  type TimedParagraph,
} from "./speaker-timestamp-lines.js";

/*
 * lexfridman.com transcripts, as scraped to markdown (the peaklight-ai collection) and as embedded in
 * an HTML page (the diyiwuyan knowledge graph). Timestamps are on the YouTube video's timeline.
 */

const SHOW = "Lex Fridman Podcast";
const HOST = "Lex Fridman";

/** `Name [(hh:mm:ss)](https://youtube.com/watch?v=ID&t=S) text`; without a name it continues the turn. */
const MD_TURN = /^(?:(\S[^[\]]{0,59}?)\s+)?\[\((\d{1,3}:\d{1,2}(?::\d{1,2})?)\)\]\((https?:[^)\s]*)\)\s*(.*)$/u;
/** `  * 3:33 – DeepSeek-R1 and DeepSeek-V3` in the Table of Contents. */
const TOC_ITEM = /^\s*[*\-+]\s+(\d{1,3}:\d{2}(?::\d{2})?)\s+[–—-]\s+(.+?)\s*$/u;
const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const MD_LINK = /!?\[([^\]]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+"[^"]*")?\)/g;

/**
 * Parses a lexfridman.com transcript scraped to markdown: title from `# Transcript for ...`, guests
 * from "... with X and Y.", the Table of Contents as published chapters (body `## ` headings where the
 * contents list lacks them), one segment per paragraph with continuation paragraphs (a bare timestamp
 * link) keeping the turn's speaker, and the YouTube link as `videoUrl`. The intro boilerplate and the
 * site footer are not speech.
 * @throws ImportError naming the line for a backwards timestamp, or when no paragraph is found.
 */
export function parseLexFridmanMarkdown(text: string, ctx: ParseContext): Transcript {
  const lines = splitLines(text);
  const paragraphs: TimedParagraph[] = [];
  const toc: TranscriptChapter[] = [];
  const headings: { title: string; index: number }[] = [];
  let title: string | undefined;
  let guests: string[] = [];
  let videoUrl: string | undefined;
  let speaker: string | null = null;
  let inToc = false;

  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (!line) continue;
    const lineNo = i + 1;
    // Everything from the WordPress footer on ("This entry was posted in ...", "About Lex Fridman") is the site's.
    if (/^This entry was posted in\b/.test(line)) break;
    const turn = MD_TURN.exec(line);
    if (turn && (!turn[1] || isSpeakerName(turn[1]))) {
      inToc = false;
      const startMs = parseTimecode(turn[2] ?? "");
      if (startMs === null) {
        throw new ImportError(`"(${turn[2]})" at line ${lineNo} is not a time code like (01:02:03)`, {
          file: ctx.fileName,
          line: lineNo,
        });
      }
      if (turn[1]) speaker = turn[1].trim();
      videoUrl ??= videoUrlOf(turn[3] ?? "");
      paragraphs.push({ startMs, speaker, text: cleanMarkdown(turn[4] ?? ""), sourceLine: lineNo });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1]?.length ?? 1;
      const content = cleanMarkdown(heading[2] ?? "");
      inToc = /^table of contents$/i.test(content);
      if (level === 1) {
        const transcriptFor = /^Transcript for\s+(.+)$/i.exec(content);
        if (transcriptFor) title = splitShowFromTitle(transcriptFor[1] ?? "").title;
      } else if (!inToc && content) {
        headings.push({ title: content, index: paragraphs.length });
      }
      continue;
    }
    if (paragraphs.length === 0) {
      // Header boilerplate: read for metadata, never imported as speech.
      const item = inToc ? TOC_ITEM.exec(line) : null;
      const startMs = item ? parseTimecode(item[1] ?? "") : null;
      if (item && startMs !== null) {
        toc.push({ title: cleanMarkdown(item[2] ?? ""), startMs, source: "published" });
        continue;
      }
      const intro = /^This is a transcript of .*? with (.+?)\.(?:\s+The timestamps\b|\s*$)/.exec(line);
      if (intro) guests = splitNames(intro[1] ?? "");
      const youtube = /\]\((https?:\/\/(?:www\.)?(?:youtube\.com|youtu\.be)\/[^)\s]+)\)/.exec(line);
      if (youtube) videoUrl ??= videoUrlOf(youtube[1] ?? "");
      continue;
    }
    // An unlinked paragraph inside the transcript still belongs to the turn it follows.
    const last = paragraphs[paragraphs.length - 1];
    if (last) last.text = joinText(last.text, cleanMarkdown(line));
  }

  if (paragraphs.length === 0) {
    throw new ImportError(
      "no transcript paragraphs found: expected lines like `Name [(hh:mm:ss)](https://youtube.com/watch?v=...) text`",
      { file: ctx.fileName, line: firstContentLine(lines) },
    );
  }
  const segments = finishTimedSegments(paragraphs, ctx);
  const chapters = mergeChapters(toc, headings, paragraphs);
  const speakers = distinctSpeakers(segments);
  return {
    format: "lexfridman",
    ...(title ? { title } : {}),
    show: SHOW,
    language: detectTranscriptLanguage(segments),
    people: peopleFromSpeakers(speakers, { host: HOST, guests }),
    segments,
    chapters,
    ...(videoUrl ? { videoUrl } : {}),
  };
}

/**
 * True for a lexfridman.com markdown scrape: paragraphs that open with `[(hh:mm:ss)](youtube link)`.
 */
export function looksLikeLexFridmanMarkdown(text: string): boolean {
  let turns = 0;
  let transcriptFor = false;
  for (const line of headLines(text)) {
    if (MD_TURN.test(line.trim()) && /youtu/.test(line)) turns++;
    else if (/^#\s+Transcript for\b/i.test(line)) transcriptFor = true;
  }
  return turns >= 2 || (turns >= 1 && transcriptFor);
}

/** The Table of Contents has exact times; body headings it lacks start at their first paragraph. */
function mergeChapters(
  toc: TranscriptChapter[],
  headings: { title: string; index: number }[],
  paragraphs: TimedParagraph[],
): TranscriptChapter[] {
  const chapters = [...toc];
  const listed = new Set(toc.map((c) => titleKey(c.title)));
  for (const h of headings) {
    const at = paragraphs[h.index];
    if (!at || listed.has(titleKey(h.title))) continue;
    chapters.push({ title: h.title, startMs: at.startMs, source: "published" });
  }
  return chapters.sort((a, b) => a.startMs - b.startMs);
}

function titleKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** "Dylan Patel and Nathan Lambert", "A, B, and C", "A & B" -> names. */
function splitNames(list: string): string[] {
  return list
    .split(/\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

/** The video the timestamps belong to: the link without its `t=` position. */
function videoUrlOf(href: string): string | undefined {
  try {
    const url = new URL(decodeEntities(href));
    if (!/(^|\.)youtube\.com$|(^|\.)youtu\.be$/.test(url.hostname)) return undefined;
    url.searchParams.delete("t");
    return url.toString();
  } catch {
    return undefined;
  }
}

/** Markdown links keep their text; images, bold markers and entities go; the words stay as they are. */
function cleanMarkdown(text: string): string {
  return normalizeSpace(
    decodeEntities(
      text.replace(MD_LINK, (whole, label: string) => (whole.startsWith("!") ? "" : label)).replace(/\*\*|__/g, ""),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// HTML: the knowledge-graph page that embeds the lexfridman.com transcript of #490.
//
// Structure (per paragraph): div.dialogue-item > div.dialogue-speaker ("Name" + span.dialogue-time
// "(hh:mm:ss)"), div.dialogue-en (the words), optional div.dialogue-zh (a machine translation, not
// the episode). div.chapter-item > span.chapter-time + span.chapter-title (with a span.zh-trans).
// The scrape glued every chapter heading onto the end of the paragraph before it, and its chapter
// list stops after 20 entries; the headings at paragraph ends recover the rest.

interface HtmlItem {
  speaker: string;
  time: string;
  text: string;
  line: number;
}

type Role = "item" | "speaker" | "time" | "en" | "chapterItem" | "chapterTime" | "chapterTitle" | "skip" | "h1";

const CLASS_ROLES: Record<string, Role> = {
  "dialogue-item": "item",
  "dialogue-speaker": "speaker",
  "dialogue-time": "time",
  "dialogue-en": "en",
  "chapter-item": "chapterItem",
  "chapter-time": "chapterTime",
  "chapter-title": "chapterTitle",
  "zh-trans": "skip",
  "dialogue-zh": "skip",
};

/**
 * Parses an HTML page that embeds a lexfridman.com transcript (speaker, `(hh:mm:ss)`, paragraph per
 * item): the page's chapter list plus the chapter headings the scrape glued onto paragraph ends as
 * published chapters, the footer items and translations left out.
 * @throws ImportError naming the line for a malformed or backwards timestamp, or when no paragraph is found.
 */
export function parseLexFridmanHtml(text: string, ctx: ParseContext): Transcript {
  const lineStarts = lineStartOffsets(text);
  const items: HtmlItem[] = [];
  const listed: { time: string; title: string; line: number }[] = [];
  const depth: Record<Role, number> = {
    item: 0,
    speaker: 0,
    time: 0,
    en: 0,
    chapterItem: 0,
    chapterTime: 0,
    chapterTitle: 0,
    skip: 0,
    h1: 0,
  };
  const stack: (Role | null)[] = [];
  let item: HtmlItem | null = null;
  let chapter: { time: string; title: string; line: number } | null = null;
  // The page's own h1 sits in <main>; the sidebar's logo is an h1 too.
  const h1s: { text: string; inMain: boolean }[] = [];
  let h1 = "";
  let mainDepth = 0;

  const parser = new Parser({
    onopentag(name, attribs) {
      const classes = (attribs.class ?? "").split(/\s+/);
      if (name === "main") mainDepth++;
      let role: Role | null = name === "h1" ? "h1" : null;
      for (const c of classes) role = CLASS_ROLES[c] ?? role;
      if (name === "script" || name === "style") role = "skip";
      stack.push(role);
      if (!role) return;
      depth[role]++;
      const line = lineAt(lineStarts, parser.startIndex);
      if (role === "item") item = { speaker: "", time: "", text: "", line };
      // The time's line is where a reader (and an error message) finds the paragraph.
      if (role === "time" && item) item.line = line;
      if (role === "chapterItem") chapter = { time: "", title: "", line };
    },
    ontext(data) {
      if (depth.skip > 0) return;
      if (depth.h1 > 0) h1 += data;
      if (item) {
        if (depth.time > 0) item.time += data;
        else if (depth.speaker > 0) item.speaker += data;
        else if (depth.en > 0) item.text += data;
      }
      if (chapter) {
        if (depth.chapterTime > 0) chapter.time += data;
        else if (depth.chapterTitle > 0) chapter.title += data;
      }
    },
    onclosetag(name) {
      if (name === "main") mainDepth--;
      const role = stack.pop();
      if (!role) return;
      depth[role]--;
      if (role === "h1") {
        h1s.push({ text: normalizeSpace(h1), inMain: mainDepth > 0 });
        h1 = "";
      }
      if (role === "item" && item) {
        items.push(item);
        item = null;
      }
      if (role === "chapterItem" && chapter) {
        listed.push(chapter);
        chapter = null;
      }
    },
  });
  parser.write(text);
  parser.end();

  // Items without a time after the last timed one are the page's footer ("." and the author box).
  let lastTimed = -1;
  for (let i = 0; i < items.length; i++) if (items[i]?.time.trim()) lastTimed = i;
  if (lastTimed < 0) {
    throw new ImportError(
      'no transcript paragraphs found: expected div.dialogue-item elements with a speaker and a "(hh:mm:ss)" time',
      { file: ctx.fileName, line: firstContentLine(splitLines(text.slice(0, 10_000))) },
    );
  }

  const chapterList: TranscriptChapter[] = [];
  for (const c of listed) {
    const startMs = parseTimecode(c.time.trim());
    const title = normalizeSpace(c.title);
    if (startMs === null || !title) {
      throw new ImportError(`chapter "${normalizeSpace(c.time)} ${title}" at line ${c.line} has no valid time`, {
        file: ctx.fileName,
        line: c.line,
      });
    }
    chapterList.push({ title, startMs, source: "published" });
  }
  const knownTitles = chapterList.map((c) => c.title);
  const lastListedMs = chapterList.length ? Math.max(...chapterList.map((c) => c.startMs)) : -1;

  const paragraphs: TimedParagraph[] = [];
  const glued: { title: string; index: number }[] = [];
  for (let i = 0; i <= lastTimed; i++) {
    const it = items[i] as HtmlItem;
    let words = normalizeSpace(it.text);
    if (i === lastTimed) words = stripSiteFooter(words);
    const time = it.time.trim().replace(/^\(|\)$/g, "");
    if (!time) {
      // An untimed item amid the transcript still belongs to the paragraph before it.
      const last = paragraphs[paragraphs.length - 1];
      if (last && words) last.text = joinText(last.text, words);
      continue;
    }
    const startMs = parseTimecode(time);
    if (startMs === null) {
      throw new ImportError(`"(${time})" at line ${it.line} is not a time code like (01:02:03)`, {
        file: ctx.fileName,
        line: it.line,
      });
    }
    const heading = gluedHeading(words, knownTitles, startMs > lastListedMs);
    if (heading) {
      words = words.slice(0, words.length - heading.length).trimEnd();
      glued.push({ title: heading, index: paragraphs.length + 1 });
    }
    paragraphs.push({ startMs, speaker: normalizeSpace(it.speaker) || null, text: words, sourceLine: it.line });
  }

  const segments = finishTimedSegments(paragraphs, ctx);
  const chapters = [...chapterList];
  const seen = new Set(knownTitles.map(titleKey));
  for (const g of glued) {
    const at = paragraphs[g.index];
    if (!at || seen.has(titleKey(g.title))) continue;
    seen.add(titleKey(g.title));
    chapters.push({ title: g.title, startMs: at.startMs, source: "published" });
  }
  chapters.sort((a, b) => a.startMs - b.startMs);

  const speakers = distinctSpeakers(segments);
  const title = (h1s.find((h) => h.inMain) ?? h1s[0])?.text;
  return {
    format: "lexfridman",
    ...(title ? { title } : {}),
    show: SHOW,
    language: detectTranscriptLanguage(segments),
    people: peopleFromSpeakers(speakers, { host: HOST }),
    segments,
    chapters,
  };
}

/**
 * True for an HTML page carrying a lexfridman.com transcript as dialogue items with times.
 * The markers are searched in the whole text: inline CSS pushes them past the first 200 lines, and
 * `indexOf` over 1 MB takes well under a millisecond.
 */
export function looksLikeLexFridmanHtml(text: string): boolean {
  const head = headLines(text, 20).join("\n").trimStart().toLowerCase();
  if (!/^(?:<!doctype html|<html|<head|<body|<div|<meta|<!--)/.test(head)) return false;
  return text.includes('class="dialogue-speaker"') && text.includes('class="dialogue-time"');
}

/**
 * The chapter heading the scrape glued onto a paragraph's end: one of the listed titles, or (past
 * the end of a truncated list) a short title-like tail after the last sentence. A question counts
 * only after a dash: a spoken question ending a paragraph is far more common than a heading.
 */
function gluedHeading(words: string, known: string[], pastList: boolean): string | null {
  for (const title of known) {
    if (words.length > title.length && words.endsWith(title) && /\s$/.test(words.slice(0, -title.length))) {
      return title;
    }
  }
  if (!pastList) return null;
  const m = /(?:([.!?…]["”’)]*)|([—–-]))\s+([\p{Lu}\p{N}][^.!?…"“”—–]*\??)$/u.exec(words);
  if (!m) return null;
  const tail = m[3] ?? "";
  // A paragraph cut off mid-sentence ("... where compaction is an action,") is not a heading.
  if (!/[\p{L}\p{N})?]$/u.test(tail) || tail.split(/\s+/).length > 12) return null;
  if (tail.endsWith("?")) return m[2] ? tail : null;
  return tail;
}

function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line of a character offset, by binary search over line starts. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
