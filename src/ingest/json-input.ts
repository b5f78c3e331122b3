/**
 * What the JSON importers (Podcasting 2.0, chapters, Whisper, pickpod) share: reading JSON text with
 * errors that name a line and column, turning a zod issue into a sentence, the line of each list item,
 * checks on the timeline, and speaker and language names.
 */
import type { z } from "zod";
import type { Language, TranscriptSegment } from "../core/index.js";
import { countWords, detectLanguage, formatTimecode, ImportError, lineAndColumnAt } from "../core/index.js";
import type { ParseContext } from "./parser.js";

/**
 * Parses JSON text (with or without a BOM). On a syntax error throws ImportError naming the line and
 * column: from the position in V8's message where it gives one, else from our own scan of the text,
 * because Node 20 often reports only the offending token.
 */
export function parseJsonText(text: string, ctx: ParseContext): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const located = locateJsonError(body);
    const fromMessage = /at position (\d+)/.exec(error.message);
    const offset = located?.offset ?? (fromMessage ? Number(fromMessage[1]) : body.length);
    const problem = located?.problem ?? error.message;
    const { line, column } = lineAndColumnAt(body, offset);
    throw new ImportError(
      `not valid JSON at line ${line}, column ${column}: ${problem}. Fix the file there, or export it again from the tool that made it`,
      { file: ctx.fileName, line },
    );
  }
}

/**
 * Validates parsed JSON against a schema whose leaf errors are phrased as what is expected
 * ("a number of seconds"), and throws ImportError with the first issue as a sentence such as
 * `segments[3].startTime is missing; expected a number of seconds`, on the line of that list item.
 */
export function validateShape<T>(
  schema: z.ZodType<T>,
  value: unknown,
  ctx: ParseContext,
  lineOf?: (path: readonly PropertyKey[]) => number | undefined,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new ImportError("the JSON does not have the expected shape", { file: ctx.fileName });
  const path = issue.path;
  const found = valueAt(value, path);
  const where = path.length ? formatPath(path) : "the file";
  const what = found === undefined ? "is missing" : `is ${describeValue(found)}`;
  throw new ImportError(`${where} ${what}; expected ${issue.message}`, { file: ctx.fileName, line: lineOf?.(path) });
}

/** `segments[3].startTime` from `["segments", 3, "startTime"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string")
    return `the text ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}`;
  if (typeof value === "number") return `the number ${value}`;
  if (typeof value === "boolean") return String(value);
  return "an object";
}

/**
 * 1-based line where each item of the list under a top-level key begins (`segments`, `sentence`,
 * `transcription`), found by one pass over the text so errors and segments can point at the source.
 * Returns an empty list if the key is absent.
 */
export function topLevelArrayItemLines(text: string, key: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let stringStart = 0;
  let lastTopString = "";
  let currentKey = "";
  let inTarget = false;
  let expectItem = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        if (depth === 1) lastTopString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === 32 || c === 10 || c === 13 || c === 9) continue;
    if (inTarget && depth === 2 && expectItem && c !== 93) {
      lines.push(line);
      expectItem = false;
    }
    switch (c) {
      case 34:
        inString = true;
        stringStart = i + 1;
        break;
      case 123:
      case 91:
        if (c === 91 && depth === 1 && currentKey === key && lines.length === 0) {
          inTarget = true;
          expectItem = true;
        }
        depth++;
        break;
      case 125:
      case 93:
        depth--;
        if (depth === 1 && inTarget) return lines;
        break;
      case 58:
        if (depth === 1) currentKey = lastTopString;
        break;
      case 44:
        if (inTarget && depth === 2) expectItem = true;
        break;
    }
  }
  return lines;
}

/** The line of `path[0][path[1]]` when path[0] is the list whose item lines were found. */
export function lineForPath(listKey: string, itemLines: number[]) {
  return (path: readonly PropertyKey[]): number | undefined => {
    if (path[0] !== listKey) return undefined;
    const index = path[1];
    if (typeof index === "number") return itemLines[index];
    // The list itself is wrong: point at its first item if there is one.
    return itemLines[0];
  };
}

/**
 * Rejects times a player could not follow: negative times, an end before its start, and a start more
 * than a second earlier than the previous one (small overlaps are normal in ASR output, so they pass).
 * `where(i)` names the item as the learner can find it in the file, e.g. `segments[12]`.
 */
export function checkTimeline(
  entries: readonly { startMs: number; endMs: number; sourceLine?: number }[],
  where: (index: number) => string,
  ctx: ParseContext,
): void {
  let previousStart = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (!entry) continue;
    const at = { file: ctx.fileName, line: entry.sourceLine };
    // JSON allows 1e308 seconds, which is Infinity in milliseconds: no moment of an episode.
    if (!Number.isFinite(entry.startMs) || !Number.isFinite(entry.endMs)) {
      throw new ImportError(`${where(i)} has a time too large to be a moment of an episode; check its times`, at);
    }
    if (entry.startMs < 0 || entry.endMs < 0) {
      const negative = entry.startMs < 0 ? entry.startMs : entry.endMs;
      throw new ImportError(
        `${where(i)} has a negative time (${negative / 1000} s); times count from the start of the episode`,
        at,
      );
    }
    if (entry.endMs < entry.startMs) {
      throw new ImportError(
        `${where(i)} ends (${showTime(entry.endMs)}) before it starts (${showTime(entry.startMs)}); check its end time`,
        at,
      );
    }
    if (entry.startMs < previousStart - 1000) {
      throw new ImportError(
        `timestamps run backwards at ${where(i)}: it starts at ${showTime(entry.startMs)}, before ${where(i - 1)} (${showTime(previousStart)}); the file may join two recordings`,
        at,
      );
    }
    previousStart = Math.max(previousStart, entry.startMs);
  }
}

function showTime(ms: number): string {
  return formatTimecode(ms, ms % 1000 !== 0);
}

/** Seconds (float) as whole milliseconds. */
export function secondsToMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

/**
 * True when segments are words or short phrases rather than sentences (Podcasting 2.0 JSON with one
 * word per segment, Whisper word timestamps): those are merged into sentences before use.
 */
export function isFragmentLevel(segments: readonly TranscriptSegment[]): boolean {
  let words = 0;
  let counted = 0;
  for (const s of segments) {
    if (!s.text.trim()) continue;
    words += countWords(s.text);
    counted++;
  }
  return counted > 0 && words / counted < 4;
}

/**
 * Names diarization ids (0, 2, "SPEAKER_00") as "Speaker 1", "Speaker 2" in order of first appearance,
 * so the names read naturally and the learner can rename them.
 */
export function anonymousSpeakerNamer(): (id: string | number) => string {
  const names = new Map<string, string>();
  return (id) => {
    const key = String(id);
    let name = names.get(key);
    if (!name) {
      name = `Speaker ${names.size + 1}`;
      names.set(key, name);
    }
    return name;
  };
}

/** Diarization placeholders as ASR tools write them: `SPEAKER_00`, `spk1`, `Speaker 2`. */
export const ANONYMOUS_SPEAKER_ID = /^(?:speaker|spk|spkr)[\s_-]*\d+$/i;

/**
 * Maps a language as JSON exports name it ("english", "en", "en-US", "chinese", "zh-CN", "mandarin")
 * to ours; other named languages become `und`, and without a name the text decides.
 */
export function resolveLanguage(name: unknown, sampleText: string): Language {
  if (typeof name === "string" && name.trim()) {
    const n = name.trim().toLowerCase();
    if (n === "english" || n === "en" || n.startsWith("en-") || n.startsWith("en_")) return "en";
    if (
      n === "chinese" ||
      n === "mandarin" ||
      n === "cantonese" ||
      n === "zh" ||
      n === "yue" ||
      n.startsWith("zh-") ||
      n.startsWith("zh_")
    ) {
      return "zh";
    }
    return "und";
  }
  return detectLanguage(sampleText);
}

/** Where a JSON syntax error is, as an offset and a phrase; null if the scan finds none. */
function locateJsonError(text: string): { offset: number; problem: string } | null {
  let i = 0;
  const fail = (problem: string, at = i): never => {
    throw new JsonSyntaxProblem(at, problem);
  };
  const CUT_OFF = "the file ends before the JSON is complete (it looks cut off)";
  const found = (): string => `'${text[i] === "\n" ? "\\n" : text[i]}'`;
  /** "expected X, found Y", or that the text stops, which is what a truncated download looks like. */
  const expected = (what: string): never => fail(i >= text.length ? CUT_OFF : `expected ${what}, found ${found()}`);
  const ws = () => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const string = () => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c === 92) {
        const next = text[i + 1] ?? "";
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail("a \\u escape needs four hex digits");
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next) || next === "") fail(`'\\${next}' is not a valid escape in a text value`);
        i += 2;
        continue;
      }
      if (c < 0x20) fail("a line break or control character inside a text value (a closing quote may be missing)");
      i++;
    }
    fail("a text value is never closed with a quote", start);
  };
  const value = (): void => {
    ws();
    if (i >= text.length) fail(CUT_OFF);
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') expected("a property name in double quotes");
        string();
        ws();
        if (text[i] !== ":") expected("':' after a property name");
        i++;
        value();
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "}") fail("a comma before '}' (JSON allows no trailing comma)");
          continue;
        }
        if (text[i] === "}") {
          i++;
          return;
        }
        expected("',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") fail("a comma before ']' (JSON allows no trailing comma)");
          continue;
        }
        if (text[i] === "]") {
          i++;
          return;
        }
        expected("',' or ']'");
      }
    }
    if (c === '"') {
      string();
      return;
    }
    if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      if (!NUMBER.test(text)) fail(`a malformed number`);
      i = NUMBER.lastIndex;
      return;
    }
    for (const literal of ["true", "false", "null"]) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    fail(`unexpected ${found()}`);
  };
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${found()} after the end of the JSON value`);
    return null;
  } catch (error) {
    if (error instanceof JsonSyntaxProblem) return { offset: error.offset, problem: error.problem };
    return null; // nesting too deep for the scan: fall back to V8's message
  }
}

class JsonSyntaxProblem extends Error {
  constructor(
    readonly offset: number,
    readonly problem: string,
  ) {
    super(problem);
  }
}
