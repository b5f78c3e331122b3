import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTranscriptBytes } from "../src/ingest/index.js";
import { corpusFile, HAS_CORPUS } from "./corpus.js";

/**
 * A real Chinese transcript saved the ways Chinese files are saved on real machines: the imported
 * text is the same in each. The conversions use the system's iconv (glibc), not our decoder.
 */
function convert(bytes: Uint8Array, to: string): Uint8Array {
  const run = spawnSync("iconv", ["-f", "UTF-8", "-t", to], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`iconv to ${to} failed: ${run.stderr}`);
  return run.stdout;
}

const HAS_ICONV = spawnSync("iconv", ["--version"]).status === 0;

describe.skipIf(!HAS_CORPUS || !HAS_ICONV)("encodings of a real Chinese transcript", () => {
  // Collection runs even for a skipped suite: read nothing when the corpus is absent.
  if (!HAS_CORPUS || !HAS_ICONV) return;
  const file = corpusFile("zh/lex459-deepseek.zh-translation-diarized.md");
  const utf8 = readFileSync(file);
  const reference = parseTranscriptBytes(utf8, file).transcript;

  it.each([
    ["UTF-8 with a BOM", () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]), "utf-8"],
    ["UTF-16LE with a BOM", () => convert(utf8, "UTF-16"), "utf-16le"],
    ["UTF-16BE without a BOM", () => convert(utf8, "UTF-16BE"), "utf-16be"],
    ["GB18030", () => convert(utf8, "GB18030"), "gb18030"],
  ])("reads %s", (_name, bytesOf, encoding) => {
    const parsed = parseTranscriptBytes(bytesOf(), file);
    expect(parsed.encoding).toBe(encoding);
    expect(parsed.transcript.language).toBe("zh");
    expect(parsed.transcript.segments.map((s) => s.text)).toEqual(reference.segments.map((s) => s.text));
    expect(parsed.transcript.chapters.map((c) => c.title)).toEqual(reference.chapters.map((c) => c.title));
    expect(parsed.transcript.speakers).toEqual(reference.speakers);
  });
});
