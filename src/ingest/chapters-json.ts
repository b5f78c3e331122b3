/**
 * Podcasting 2.0 JSON chapters (`<podcast:chapters type="application/json+chapters">`):
 * `{version, chapters: [{startTime, title, toc, endTime, img, url}]}`, times in seconds.
 */
import { z } from "zod";
import type { TranscriptChapter } from "../core/index.js";
import {
  checkTimeline,
  lineForPath,
  parseJsonText,
  secondsToMs,
  topLevelArrayItemLines,
  validateShape,
} from "./json-input.js";
import type { ParseContext } from "./parser.js";

const seconds = z.number({ error: "a number of seconds" });

const ChaptersSchema = z.object(
  {
    chapters: z.array(
      z.object(
        {
          startTime: seconds,
          endTime: seconds.nullish(),
          title: z.string({ error: "the chapter title as text" }).nullish(),
          toc: z.boolean({ error: "true or false" }).nullish(),
        },
        { error: "an object with startTime and title" },
      ),
      { error: "a list of chapters" },
    ),
  },
  { error: 'a JSON object with a "chapters" list (Podcasting 2.0 JSON chapters)' },
);

/**
 * Parses a Podcasting 2.0 chapters file into published chapters, in time order. Entries with
 * `toc: false` are silent markers (artwork, location) the spec says not to list, so they are left out;
 * a listed chapter without a title is called "Chapter N". `endMs` is kept only where the file gives it.
 * @throws ImportError for invalid JSON, a wrong shape, or negative times.
 */
export function parsePodcasting20Chapters(text: string, ctx: ParseContext): TranscriptChapter[] {
  const itemLines = topLevelArrayItemLines(text, "chapters");
  const data = validateShape(ChaptersSchema, parseJsonText(text, ctx), ctx, lineForPath("chapters", itemLines));
  const timed = data.chapters.map((c, i) => {
    const startMs = secondsToMs(c.startTime);
    return { startMs, endMs: c.endTime == null ? startMs : secondsToMs(c.endTime), sourceLine: itemLines[i] };
  });
  // The spec only assumes ascending order, so order is not an error here; negative or inverted times are.
  const sorted = timed.map((t, i) => ({ ...t, i })).sort((a, b) => a.startMs - b.startMs || a.i - b.i);
  checkTimeline(sorted, (k) => `chapters[${sorted[k]?.i ?? k}]`, ctx);

  const chapters: TranscriptChapter[] = [];
  for (const { i } of sorted) {
    const c = data.chapters[i];
    if (!c || c.toc === false) continue;
    const chapter: TranscriptChapter = {
      title: c.title?.trim() || `Chapter ${chapters.length + 1}`,
      startMs: secondsToMs(c.startTime),
      source: "published",
    };
    if (c.endTime != null) chapter.endMs = secondsToMs(c.endTime);
    chapters.push(chapter);
  }
  return chapters;
}
