import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FinalTranscript } from "../src/ingest/index.js";
import { insertEpisode, openStore, type Store } from "../src/store/index.js";
import { CORPUS_DIR, HAS_CORPUS } from "./corpus.js";

/**
 * Bad input tried: every importer entry point fed random bytes, random text, text shaped like each
 * format, JSON shaped like each JSON format, and mutations of the real corpus files. Each input
 * either parses into a transcript the library can store, or fails with ImportError naming the
 * file; never another error, never a hang. Each parse runs in a worker thread with a 2 s budget,
 * so a hang fails the test instead of freezing it.
 *
 * Seeds are fixed so CI is repeatable; explore more with DEEPLISTEN_FUZZ_SEED and
 * DEEPLISTEN_FUZZ_RUNS (e.g. `DEEPLISTEN_FUZZ_RUNS=5000 npx vitest run test/reliability-fuzz.test.ts`).
 */

const RUNS = Number(process.env.DEEPLISTEN_FUZZ_RUNS) || 200;
const SEED = process.env.DEEPLISTEN_FUZZ_SEED ? Number(process.env.DEEPLISTEN_FUZZ_SEED) : undefined;
/** Per property: room for the runs and for shrinking a failure, scaled when exploring with more runs. */
const PROPERTY_TIMEOUT_MS = 60_000 * Math.max(1, RUNS / 200);
/** A 5-hour transcript parses in about 0.2 s here; ten times that is a hang, not a slow machine. */
const BUDGET_MS = 2000;

type Entry = "transcript" | "feed" | "chapters";

type Outcome =
  | { ok: true; value: unknown; ms: number }
  | { ok: false; importError: boolean; name: string; message: string; stack: string; ms: number }
  | { timeout: true };

/** One worker thread running the parsers; replaced when an input has to be stopped. */
class ParseWorker {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 0;

  start(): Promise<void> {
    const worker = new Worker(new URL("./helpers/fuzz-parse-worker.mjs", import.meta.url));
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
    return this.ready;
  }

  async run(entry: Entry, bytes: Uint8Array, fileName: string): Promise<Outcome> {
    if (!this.worker) await this.start();
    await this.ready;
    const worker = this.worker as Worker;
    const id = ++this.nextId;
    return new Promise<Outcome>((resolve) => {
      const onMessage = (message: { id: number } & Outcome) => {
        if (message.id !== id) return;
        clearTimeout(timer);
        worker.off("message", onMessage);
        resolve(message);
      };
      const timer = setTimeout(() => {
        worker.off("message", onMessage);
        // A synchronous loop cannot be interrupted from inside; terminating the thread can.
        void worker.terminate();
        this.worker = null;
        resolve({ timeout: true });
      }, BUDGET_MS);
      worker.on("message", onMessage);
      worker.postMessage({ id, entry, bytes, fileName });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}

const worker = new ParseWorker();
/** Where a parsed transcript is written, as an import would, and rolled back. */
let store: Store;

beforeAll(async () => {
  await worker.start();
  store = openStore(":memory:");
  // Warm the parsers up (module loading, JIT) so the first timed input is not charged for it.
  await worker.run("transcript", new TextEncoder().encode("WEBVTT\n\n00:00.000 --> 00:01.000\nhello\n"), "warm.vtt");
}, 60_000);
afterAll(async () => {
  await worker.stop();
  store?.db.close();
});

/** JS engine errors that an ImportError merely wraps are crashes all the same. */
const WRAPPED_CRASH =
  /Cannot read propert|Cannot set propert|is not a function|is not iterable|is not a constructor|Maximum call stack|Invalid array length|Invalid string length|Cannot convert/;

class Rollback extends Error {}

/** The rules every outcome must keep; throws (failing the property) with what went wrong. */
function checkOutcome(outcome: Outcome, entry: Entry, fileName: string): void {
  if ("timeout" in outcome) throw new Error(`${entry} parse of ${fileName} took more than ${BUDGET_MS} ms`);
  if (!outcome.ok) {
    if (!outcome.importError) throw new Error(`${entry} threw ${outcome.name}, not ImportError:\n${outcome.stack}`);
    if (!outcome.message.includes(fileName)) {
      throw new Error(`the ImportError does not name the file ${fileName}: ${outcome.message}`);
    }
    if (WRAPPED_CRASH.test(outcome.message))
      throw new Error(`an engine error wrapped as ImportError: ${outcome.message}`);
    return;
  }
  if (entry === "transcript") checkTranscript(outcome.value as FinalTranscript);
  if (entry === "chapters") {
    for (const c of outcome.value as { startMs: number; endMs?: number; title: string }[]) {
      expect(Number.isFinite(c.startMs) && c.startMs >= 0, `chapter start ${c.startMs}`).toBe(true);
      if (c.endMs !== undefined)
        expect(Number.isFinite(c.endMs) && c.endMs >= c.startMs, `chapter end ${c.endMs}`).toBe(true);
      expect(c.title.trim()).not.toBe("");
    }
  }
  if (entry === "feed") expect(Array.isArray((outcome.value as { items: unknown }).items)).toBe(true);
}

function checkTranscript(t: FinalTranscript): void {
  expect(t.segments.length).toBeGreaterThan(0);
  for (const s of t.segments) {
    const where = `segment ${JSON.stringify(s).slice(0, 200)}`;
    expect(Number.isFinite(s.startMs) && Number.isFinite(s.endMs), where).toBe(true);
    expect(s.startMs >= 0 && s.endMs >= s.startMs, where).toBe(true);
    expect(s.text.trim(), where).not.toBe("");
  }
  expect(Number.isFinite(t.durationMs) && t.durationMs >= 0).toBe(true);
  expect(Number.isFinite(t.wordCount)).toBe(true);
  expect(["en", "zh", "und"]).toContain(t.language);
  for (const c of t.chapters) {
    expect(Number.isFinite(c.startMs) && Number.isFinite(c.endMs) && c.endMs >= c.startMs, c.title).toBe(true);
  }
  // What parses must also store: the schema's own checks (times, languages, unique speakers) pass.
  try {
    store.db.transaction(() => {
      insertEpisode(store, {
        title: t.title?.trim() || "fuzz",
        show: t.show ?? null,
        language: t.language,
        durationMs: t.durationMs,
        wordCount: t.wordCount,
        format: t.format,
        source: { kind: "file", ref: "fuzz", sha256: "fuzz" },
        audioUrl: t.audioUrl ?? null,
        videoUrl: t.videoUrl ?? null,
        timingEstimated: t.timingEstimated ?? false,
        speakersAnonymous: t.speakersAnonymous ?? false,
        people: t.people.map((p) => ({ ...p, anonymous: t.speakersAnonymous ?? false })),
        segments: t.segments.map((s) => ({ startMs: s.startMs, endMs: s.endMs, speaker: s.speaker, text: s.text })),
        chapters: t.chapters.map((c) => ({ title: c.title, startMs: c.startMs, endMs: c.endMs, source: c.source })),
      });
      throw new Rollback();
    })();
  } catch (error) {
    if (!(error instanceof Rollback)) throw new Error(`the parsed transcript cannot be stored: ${error}`);
  }
}

async function check(entry: Entry, bytes: Uint8Array, fileName: string): Promise<void> {
  let outcome = await worker.run(entry, bytes, fileName);
  // Other processes share this machine's two cores: a hang is an input that overruns the budget
  // twice, the second time on a fresh thread.
  if ("timeout" in outcome) outcome = await worker.run(entry, bytes, fileName);
  checkOutcome(outcome, entry, fileName);
}

function assertProperty<T>(arbitrary: fc.Arbitrary<T>, predicate: (value: T) => Promise<void>): Promise<void> {
  return fc.assert(fc.asyncProperty(arbitrary, predicate), {
    numRuns: RUNS,
    seed: SEED ?? 20260102,
    // Shrinking a hang costs a budget per step: keep the whole search bounded.
    interruptAfterTimeLimit: PROPERTY_TIMEOUT_MS - 15_000,
    markInterruptAsFailure: false,
  });
}

// ---- inputs ----

const utf8 = (text: string) => new TextEncoder().encode(text);

/** UTF-16LE with its BOM, one of the encodings deeplisten reads. */
function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

const fileNames = fc.constantFrom(
  "fuzz.vtt",
  "fuzz.srt",
  "fuzz.json",
  "fuzz.html",
  "fuzz.md",
  "fuzz.txt",
  "fuzz.xml",
  "fuzz",
  "https://example.com/episode?id=1",
);

const words = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("hello world", "mixture of experts", "混合专家模型", "I disagree.", "&amp; <b>x</b>", "   ", "…"),
);
const name = fc.constantFrom("Lex Fridman", "Ana", "Speaker 1", "SPEAKER_00", "名字", "", "A:B", "Lex");
/** Time codes as the formats write them, with out-of-range fields among them. */
const timecode = fc
  .tuple(fc.nat(120), fc.nat(99), fc.nat(99), fc.nat(1999), fc.constantFrom(".", ",", ":"), fc.nat(3))
  .map(([h, m, s, ms, sep, style]) => {
    const two = (n: number) => String(n).padStart(2, "0");
    if (style === 0) return `${two(h)}:${two(m)}:${two(s)}${sep}${String(ms).padStart(3, "0")}`;
    if (style === 1) return `${two(m)}:${two(s)}${sep}${ms}`;
    if (style === 2) return `${h}:${two(m)}:${two(s)}`;
    return `${h * 1000}:${m}`;
  });
/** One line of some transcript format: headers, cues, speaker lines, markup. */
const formatLine = fc.oneof(
  fc.constantFrom(
    "WEBVTT",
    "WEBVTT - Title",
    "",
    "",
    "NOTE a note",
    "STYLE",
    "REGION",
    "Kind: captions",
    "Language: en",
    "-->",
    "1",
    "2",
    "Timestamps",
    "Transcript",
    "## Introduction",
    "# Title",
    "---",
    "<html>",
    "<body>",
    "<p>",
    "</p>",
    "<cite>Ana:</cite>",
    "<time>0:01</time>",
    "<div class='ts-segment'>",
    "<span class='ts-name'>Ana</span>",
    '<a href="https://youtube.com/watch?v=x&t=10">',
    "{",
    "}",
    "[",
    "]",
    '"segments": [',
    "<rss><channel>",
    "</channel></rss>",
    "\u0000",
    "\uFEFF",
  ),
  fc
    .tuple(timecode, timecode, fc.constantFrom("", " align:start position:0%", " line:90%"))
    .map(([a, b, settings]) => `${a} --> ${b}${settings}`),
  fc.tuple(name, timecode, words).map(([n, t, w]) => `${n} (${t}) ${w}`),
  fc.tuple(name, timecode, words).map(([n, t, w]) => `${n} [${t}]: ${w}`),
  fc.tuple(timecode, words).map(([t, w]) => `[${t}] ${w}`),
  fc.tuple(name, words).map(([n, w]) => `**${n}:** ${w}`),
  fc.tuple(name, words).map(([n, w]) => `<v ${n}>${w}</v>`),
  fc.tuple(name, words).map(([n, w]) => `${n}: ${w}`),
  fc.tuple(timecode, words).map(([t, w]) => `${w}<${t}><c> ${w}</c>`),
  words,
);
const formatShapedText = fc
  .tuple(fc.array(formatLine, { maxLength: 80 }), fc.constantFrom("\n", "\r\n", "\r"))
  .map(([lines, eol]) => lines.join(eol));

/** Values a JSON field might hold: plausible times most often, anything else sometimes. */
const jsonTime = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: 0, max: 20_000, noNaN: true }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 20_000_000 }) },
  { weight: 1, arbitrary: fc.constantFrom(1e308, -0, 1e-300, 86_400_000_000, null, "12.5", "00:01:02,500", true) },
);
const jsonAny = fc.oneof(
  jsonTime,
  words,
  fc.constant(null),
  fc.array(fc.nat(5), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);
/** Segment lists with times that run forward, so the input gets past the timeline checks into the parsers. */
const forwardTimes = fc
  .array(fc.tuple(fc.double({ min: 0, max: 30, noNaN: true }), fc.double({ min: 0, max: 30, noNaN: true })), {
    maxLength: 30,
  })
  .map((steps) => {
    let t = 0;
    return steps.map(([gap, length]) => {
      t += gap;
      const start = t;
      t += length;
      return [start, t] as const;
    });
  });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const jsonShaped = fc.oneof(
  // Podcasting 2.0
  fc.record(
    {
      version: optional(fc.constantFrom("1.0.0", 1)),
      segments: fc.oneof(
        fc.array(
          fc.record(
            {
              speaker: optional(fc.oneof(name, jsonAny)),
              startTime: jsonTime,
              endTime: jsonTime,
              body: fc.oneof(words, jsonAny),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 20 },
        ),
        fc
          .tuple(forwardTimes, words, name)
          .map(([times, w, n]) => times.map(([s, e]) => ({ startTime: s, endTime: e, body: w, speaker: n }))),
      ),
    },
    { requiredKeys: ["segments"] },
  ),
  // Whisper, WhisperX
  fc.record(
    {
      text: optional(words),
      language: optional(fc.oneof(fc.constantFrom("en", "zh", "english", ""), jsonAny)),
      segments: fc.oneof(
        fc.array(
          fc.record(
            {
              start: jsonTime,
              end: jsonTime,
              text: fc.oneof(words, jsonAny),
              speaker: optional(fc.oneof(name, fc.nat(3), jsonAny)),
              words: optional(
                fc.array(
                  fc.record(
                    { word: words, start: jsonTime, end: jsonTime, speaker: optional(name) },
                    { requiredKeys: [] },
                  ),
                  { maxLength: 5 },
                ),
              ),
            },
            { requiredKeys: ["start", "text"] },
          ),
          { maxLength: 20 },
        ),
        fc
          .tuple(forwardTimes, words)
          .map(([times, w]) =>
            times.map(([s, e], i) => ({ start: s, end: e, text: `${w} ${i}`, speaker: `SPEAKER_0${i % 3}` })),
          ),
      ),
    },
    { requiredKeys: ["segments"] },
  ),
  // Whisper with word timings only
  fc.record({
    text: words,
    language: fc.constantFrom("en", "zh"),
    words: fc.array(
      fc.record({ word: fc.oneof(words, jsonAny), start: jsonTime, end: jsonTime }, { requiredKeys: [] }),
      { maxLength: 30 },
    ),
  }),
  // whisper.cpp
  fc.record(
    {
      params: optional(fc.record({ language: fc.oneof(fc.constantFrom("en", "auto"), jsonAny) })),
      transcription: fc.array(
        fc.record(
          {
            offsets: optional(fc.oneof(fc.record({ from: jsonTime, to: jsonTime }), jsonAny)),
            timestamps: optional(
              fc.oneof(fc.record({ from: fc.oneof(timecode, words), to: fc.oneof(timecode, words) }), jsonAny),
            ),
            text: fc.oneof(words, jsonAny),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 20 },
      ),
    },
    { requiredKeys: ["transcription"] },
  ),
  // pickpod
  fc.record(
    {
      audio: optional(
        fc.oneof(
          fc.record({
            title: optional(words),
            duration: optional(jsonTime),
            language: optional(fc.oneof(fc.constantFrom("zh", "en"), jsonAny)),
          }),
          jsonAny,
        ),
      ),
      sentence: fc.oneof(
        fc.array(
          fc.record(
            {
              content: fc.oneof(words, jsonAny),
              start: jsonTime,
              end: jsonTime,
              speaker: optional(fc.oneof(fc.nat(4), name, jsonAny)),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 20 },
        ),
        fc
          .tuple(forwardTimes, words)
          .map(([times, w]) =>
            times.map(([s, e], i) => ({ content: `${w}${i}`, start: s * 1000, end: e * 1000, speaker: i % 2 })),
          ),
      ),
    },
    { requiredKeys: ["sentence"] },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
/** Podcasting 2.0 chapters, mostly plausible. */
const chaptersShaped = fc.oneof(
  fc.record({
    version: optional(fc.constantFrom("1.2.0")),
    chapters: fc.array(
      fc.record(
        {
          startTime: jsonTime,
          endTime: optional(jsonTime),
          title: optional(fc.oneof(words, jsonAny)),
          toc: optional(fc.oneof(fc.boolean(), jsonAny)),
          img: optional(words),
        },
        { requiredKeys: [] },
      ),
      { maxLength: 20 },
    ),
  }),
  fc.jsonValue({ maxDepth: 3 }),
);
/** RSS shaped: a channel with items whose podcast tags carry random values. */
const feedShaped = fc
  .tuple(
    fc.array(
      fc.record({
        title: words,
        transcript: fc.array(
          fc.tuple(
            words,
            fc.constantFrom("text/vtt", "application/json", "application/x-subrip", "text/html", "", "x"),
          ),
          { maxLength: 3 },
        ),
        chapters: optional(words),
        person: fc.array(
          fc.tuple(name, fc.constantFrom("host", "guest", "", "cover art"), fc.constantFrom("cast", "visuals", "")),
          { maxLength: 3 },
        ),
        duration: fc.oneof(timecode, words),
        enclosure: optional(words),
      }),
      { maxLength: 6 },
    ),
    fc.constantFrom(
      'xmlns:podcast="https://podcastindex.org/namespace/1.0"',
      'xmlns:pc="https://podcastindex.org/namespace/1.0"',
      "",
    ),
  )
  .map(([items, ns]) => {
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
    const p = ns.includes("xmlns:pc") ? "pc" : "podcast";
    const body = items
      .map(
        (it) =>
          `<item><title>${esc(it.title)}</title>${it.transcript
            .map(([url, type]) => `<${p}:transcript url="${esc(url)}" type="${type}"/>`)
            .join(
              "",
            )}${it.chapters === undefined ? "" : `<${p}:chapters url="${esc(it.chapters)}" type="application/json+chapters"/>`}${it.person
            .map(([n, role, group]) => `<${p}:person role="${role}" group="${group}">${esc(n)}</${p}:person>`)
            .join(
              "",
            )}<itunes:duration>${esc(it.duration)}</itunes:duration>${it.enclosure === undefined ? "" : `<enclosure url="${esc(it.enclosure)}" type="audio/mpeg" length="1"/>`}</item>`,
      )
      .join("\n");
    return `<?xml version="1.0"?>\n<rss version="2.0" ${ns} xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Show</title>\n${body}\n</channel></rss>`;
  });

// ---- mutations of real files ----

type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "window"; from: number; length: number }
  | { kind: "splice"; from: number; length: number; to: number }
  | { kind: "duplicate-lines"; at: number; count: number; times: number }
  | { kind: "delete-lines"; at: number; count: number }
  | { kind: "swap-lines"; a: number; b: number }
  | { kind: "flip-bytes"; flips: [number, number][] }
  | { kind: "insert-bytes"; at: number; bytes: Uint8Array };

const position = fc.nat({ max: 0x7fffffff });
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("truncate" as const), at: position }),
  fc.record({ kind: fc.constant("window" as const), from: position, length: fc.integer({ min: 1, max: 64 * 1024 }) }),
  fc.record({ kind: fc.constant("splice" as const), from: position, length: fc.nat(4096), to: position }),
  fc.record({
    kind: fc.constant("duplicate-lines" as const),
    at: position,
    count: fc.integer({ min: 1, max: 20 }),
    times: fc.integer({ min: 1, max: 5 }),
  }),
  fc.record({ kind: fc.constant("delete-lines" as const), at: position, count: fc.integer({ min: 1, max: 50 }) }),
  fc.record({ kind: fc.constant("swap-lines" as const), a: position, b: position }),
  fc.record({
    kind: fc.constant("flip-bytes" as const),
    flips: fc.array(fc.tuple(position, fc.nat(255)), { minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant("insert-bytes" as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 10) {
      lines.push(bytes.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < bytes.length) lines.push(bytes.subarray(start));
  return lines;
}

/** Mutations stop growing a file here: a 5-hour transcript is under 2 MB. */
const MAX_MUTATED_BYTES = 2 * 1024 * 1024;

/** Applies one mutation; positions are taken modulo the length so every value means something. */
function mutate(bytes: Uint8Array, m: Mutation): Uint8Array {
  const out = applyMutation(bytes, m);
  return out.length > MAX_MUTATED_BYTES ? out.subarray(0, MAX_MUTATED_BYTES) : out;
}

function applyMutation(bytes: Uint8Array, m: Mutation): Uint8Array {
  const n = Math.max(bytes.length, 1);
  switch (m.kind) {
    case "truncate":
      return bytes.subarray(0, m.at % n);
    case "window": {
      const from = m.from % n;
      return bytes.subarray(from, from + m.length);
    }
    case "splice": {
      const from = m.from % n;
      const chunk = bytes.subarray(from, from + m.length);
      const to = m.to % n;
      return concat(bytes.subarray(0, to), chunk, bytes.subarray(to));
    }
    case "duplicate-lines": {
      const lines = splitLines(bytes);
      const at = m.at % Math.max(lines.length, 1);
      const block = lines.slice(at, at + m.count);
      return concat(
        ...lines.slice(0, at),
        ...Array.from({ length: m.times + 1 }, () => block).flat(),
        ...lines.slice(at + m.count),
      );
    }
    case "delete-lines": {
      const lines = splitLines(bytes);
      const at = m.at % Math.max(lines.length, 1);
      return concat(...lines.slice(0, at), ...lines.slice(at + m.count));
    }
    case "swap-lines": {
      const lines = splitLines(bytes);
      if (lines.length < 2) return bytes;
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b] as Uint8Array, lines[a] as Uint8Array];
      return concat(...lines);
    }
    case "flip-bytes": {
      const out = Uint8Array.from(bytes);
      for (const [at, value] of m.flips) if (out.length) out[at % out.length] = value;
      return out;
    }
    case "insert-bytes": {
      const at = m.at % n;
      return concat(bytes.subarray(0, at), m.bytes, bytes.subarray(at));
    }
  }
}

function corpusFiles(filter: (name: string) => boolean): { path: string; bytes: Uint8Array }[] {
  if (!HAS_CORPUS) return [];
  return ["en", "zh", "podcasting20", "gold"]
    .flatMap((dir) => readdirSync(join(CORPUS_DIR, dir)).map((f) => join(CORPUS_DIR, dir, f)))
    .filter((p) => statSync(p).isFile() && filter(basename(p)))
    .sort()
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

// ---- properties ----

describe("importers under random input", () => {
  it(
    "random bytes",
    async () => {
      await assertProperty(fc.tuple(fc.uint8Array({ maxLength: 4096 }), fileNames), ([bytes, file]) =>
        check("transcript", bytes, file),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "random text, in UTF-8 and UTF-16",
    async () => {
      const text = fc.oneof(
        fc.string({ maxLength: 2000, unit: "binary" }),
        fc.string({ maxLength: 2000, unit: "grapheme" }),
      );
      await assertProperty(fc.tuple(text, fc.boolean(), fileNames), ([t, wide, file]) =>
        check("transcript", wide ? utf16le(t) : utf8(t), file),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "text shaped like the line formats (VTT, SRT, speaker lines, markdown, HTML)",
    async () => {
      await assertProperty(fc.tuple(formatShapedText, fileNames), ([t, file]) => check("transcript", utf8(t), file));
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "JSON shaped like the JSON formats (Podcasting 2.0, Whisper, whisper.cpp, pickpod)",
    async () => {
      await assertProperty(fc.tuple(jsonShaped, fc.boolean()), ([value, pretty]) =>
        check("transcript", utf8(JSON.stringify(value, null, pretty ? 2 : undefined)), "fuzz.json"),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "feeds: RSS shaped XML and random text",
    async () => {
      await assertProperty(
        fc.oneof(
          feedShaped,
          formatShapedText.map((t) => `<rss><channel>${t}</channel></rss>`),
          fc.string({ maxLength: 500 }),
        ),
        (xml) => check("feed", utf8(xml), "fuzz-feed.xml"),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "chapters: JSON shaped like Podcasting 2.0 chapters",
    async () => {
      await assertProperty(chaptersShaped, (value) => check("chapters", utf8(JSON.stringify(value)), "chapters.json"));
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe.skipIf(!HAS_CORPUS)("importers under mutations of the real corpus files", () => {
  const transcripts = corpusFiles((f) => !f.endsWith(".xml"));
  const feeds = corpusFiles((f) => f.endsWith(".xml"));
  const chapters = corpusFiles((f) => /chapters/i.test(f) && f.endsWith(".json"));
  const bytesOf = new Map([...transcripts, ...feeds, ...chapters].map((f) => [f.path, f.bytes]));
  // The file and its mutations, not the bytes, are what a counterexample prints: short and replayable.
  const mutated = (files: { path: string }[]) =>
    fc.record({
      file: fc.constantFrom(...files.map((f) => f.path)),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
    });
  const apply = ({ file, mutations }: { file: string; mutations: Mutation[] }) =>
    mutations.reduce(mutate, bytesOf.get(file) as Uint8Array);

  it(
    "transcripts: truncated, spliced, lines duplicated, deleted or swapped, bytes flipped",
    async () => {
      await assertProperty(mutated(transcripts), (m) => check("transcript", apply(m), m.file));
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "feeds and chapters files, mutated the same ways",
    async () => {
      await assertProperty(
        fc.oneof(
          mutated(feeds).map((m) => ({ ...m, entry: "feed" as const })),
          mutated(chapters).map((m) => ({ ...m, entry: "chapters" as const })),
        ),
        (m) => check(m.entry, apply(m), m.file),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
