import { lineAndColumnAt, type TextPosition } from "../core/index.js";

/**
 * JSON text with positions: pack files are written by hand, so every problem should point at a line.
 * `JSON.parse` on Node 20 reports only a character offset (and none at all for a truncated file);
 * these helpers turn offsets into line and column and find where a value sits in the text.
 */

export type { TextPosition } from "../core/index.js";

/** The outcome of parsing one JSON file. */
export type JsonParseResult =
  | { ok: true; value: unknown; text: string }
  | { ok: false; problem: "encoding" | "syntax"; reason: string; position: TextPosition };

/**
 * Decode UTF-8 bytes (a leading byte-order mark is allowed) and parse them as JSON.
 * Never throws: invalid UTF-8 and syntax errors come back as a reason with a position.
 */
export function parseJsonBytes(bytes: Uint8Array): JsonParseResult {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return {
      ok: false,
      problem: "encoding",
      reason: "not valid UTF-8 text; save the file as UTF-8",
      position: firstInvalidUtf8(bytes),
    };
  }
  // A space keeps every offset where the editor shows it; JSON.parse skips leading whitespace.
  if (text.charCodeAt(0) === 0xfeff) text = ` ${text.slice(1)}`;
  return parseJsonText(text);
}

/** Parse JSON text; a syntax error comes back with the line and column where parsing stopped. */
export function parseJsonText(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text), text };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const end = endOfContent(text);
    const offset = Math.min(at?.[1] !== undefined ? Number(at[1]) : end, end);
    // Parsing that stops at the end of the content means something was left open.
    const reason =
      offset >= end
        ? "the file ends too early (an unclosed bracket, brace or string)"
        : message.replace(/\s*in JSON at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)$/, "");
    return { ok: false, problem: "syntax", reason, position: lineAndColumnAt(text, offset) };
  }
}

function endOfContent(text: string): number {
  return text.trimEnd().length;
}

function firstInvalidUtf8(bytes: Uint8Array): TextPosition {
  // Binary search for the longest prefix without a bad sequence (streaming allows a cut character).
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      good = mid;
    } catch {
      bad = mid;
    }
  }
  // A prefix that only streams cleanly ends in the start of the bad sequence: point at its first byte.
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, good));
  } catch {
    while (good > 0 && ((bytes[good - 1] ?? 0) & 0xc0) === 0x80) good--;
    if (good > 0) good--;
  }
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < good; i++) {
    if (bytes[i] === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: good - lineStart + 1 };
}

/** Where each value of a parsed JSON document starts, by path. */
interface JsonNode {
  offset: number;
  children?: Map<string | number, JsonNode>;
}

/**
 * Finds values of a valid JSON text by path (e.g. `[12, "rubric", "keyPoints", 1]`).
 * Built lazily, once, the first time a problem in the file needs a line number.
 */
export class JsonLocator {
  private root: JsonNode | undefined;
  constructor(private readonly text: string) {}

  /**
   * The position of the value at `path`, or of its closest existing ancestor when the value is
   * missing (a missing field is reported at the object that should hold it).
   */
  locate(path: ReadonlyArray<PropertyKey>): TextPosition {
    this.root ??= new TreeBuilder(this.text).build();
    let node = this.root;
    for (const key of path) {
      const child = node.children?.get(typeof key === "symbol" ? String(key) : key);
      if (!child) break;
      node = child;
    }
    return lineAndColumnAt(this.text, node.offset);
  }
}

/** A tiny JSON scanner for text that `JSON.parse` has already accepted: it records offsets only. */
class TreeBuilder {
  private i = 0;
  constructor(private readonly text: string) {}

  build(): JsonNode {
    this.skipSpace();
    return this.value();
  }

  private value(): JsonNode {
    const offset = this.i;
    const c = this.text[this.i];
    if (c === "{") return { offset, children: this.object() };
    if (c === "[") return { offset, children: this.array() };
    if (c === '"') this.string();
    else while (this.i < this.text.length && !/[\s,\]}]/.test(this.text[this.i] ?? "")) this.i++;
    return { offset };
  }

  private object(): Map<string | number, JsonNode> {
    const children = new Map<string | number, JsonNode>();
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "}") {
      this.i++;
      return children;
    }
    for (;;) {
      this.skipSpace();
      const key = this.string();
      this.skipSpace();
      this.i++; // the colon
      this.skipSpace();
      children.set(key, this.value());
      this.skipSpace();
      if (this.text[this.i++] === "}") return children;
    }
  }

  private array(): Map<string | number, JsonNode> {
    const children = new Map<string | number, JsonNode>();
    this.i++;
    this.skipSpace();
    if (this.text[this.i] === "]") {
      this.i++;
      return children;
    }
    for (let index = 0; ; index++) {
      this.skipSpace();
      children.set(index, this.value());
      this.skipSpace();
      if (this.text[this.i++] === "]") return children;
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      this.i += this.text[this.i] === "\\" ? 2 : 1;
    }
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  private skipSpace(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i] ?? "")) this.i++;
  }
}
