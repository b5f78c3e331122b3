import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/import-error.js";
import { decodeTranscriptBytes, MAX_IMPORT_BYTES } from "./decode.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16(s: string, endian: "le" | "be", bom: boolean): Uint8Array {
  const out = new Uint8Array((s.length + (bom ? 1 : 0)) * 2);
  let o = 0;
  const put = (code: number) => {
    out[o++] = endian === "le" ? code & 0xff : code >> 8;
    out[o++] = endian === "le" ? code >> 8 : code & 0xff;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < s.length; i++) put(s.charCodeAt(i));
  return out;
}

describe("decodeTranscriptBytes", () => {
  const text = "WEBVTT\n\n00:01.000 --> 00:02.000\n混合专家 mixture of experts\n";

  it("reads UTF-8 with and without a byte-order mark", () => {
    expect(decodeTranscriptBytes(utf8(text), "a.vtt")).toEqual({ text, encoding: "utf-8" });
    expect(decodeTranscriptBytes(utf8(`\ufeff${text}`), "a.vtt")).toEqual({ text, encoding: "utf-8" });
  });

  it("reads UTF-16 in both byte orders, with a BOM and without one", () => {
    for (const endian of ["le", "be"] as const) {
      for (const bom of [true, false]) {
        const decoded = decodeTranscriptBytes(utf16(text, endian, bom), "a.vtt");
        expect(decoded.text).toBe(text);
        expect(decoded.encoding).toBe(`utf-16${endian}`);
      }
    }
  });

  it("reads GB18030 / GBK Chinese files", () => {
    // "你好，世界。混合专家模型" in GBK.
    const gbk = Uint8Array.from([
      0xc4, 0xe3, 0xba, 0xc3, 0xa3, 0xac, 0xca, 0xc0, 0xbd, 0xe7, 0xa1, 0xa3, 0xbb, 0xec, 0xba, 0xcf, 0xd7, 0xa8, 0xbc,
      0xd2, 0xc4, 0xa3, 0xd0, 0xcd, 0x0a,
    ]);
    expect(decodeTranscriptBytes(gbk, "zh.txt")).toEqual({ text: "你好，世界。混合专家模型\n", encoding: "gb18030" });
  });

  it("rejects an empty file, a whitespace-only file and a binary file", () => {
    expect(errorOf(() => decodeTranscriptBytes(new Uint8Array(), "e.srt")).message).toBe("e.srt: the file is empty");
    expect(errorOf(() => decodeTranscriptBytes(utf8(" \n\t\n"), "w.srt")).message).toContain("no text");
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(errorOf(() => decodeTranscriptBytes(png, "x.vtt")).message).toMatch(/^x\.vtt: this is a binary file/);
  });

  it("rejects an encoding it does not read, naming the line of the first bad byte", () => {
    // Latin-1 "café" on line 2: not UTF-8, not Chinese.
    const latin1 = Uint8Array.from([...utf8("hello there\ncaf"), 0xe9, ...utf8(" au lait\n")]);
    const error = errorOf(() => decodeTranscriptBytes(latin1, "fr.txt"));
    expect(error.line).toBe(2);
    expect(error.message).toContain("not UTF-8, UTF-16 or GB18030");
    expect(error.message).toContain("save the file as UTF-8");
  });

  it("refuses files far larger than any transcript", () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1);
    expect(errorOf(() => decodeTranscriptBytes(big, "huge.srt")).message).toMatch(/huge\.srt: the file is \d+ MB/);
  });
});
