import { ImportError } from "../core/index.js";

/** Encodings deeplisten reads; anything else gets a clear error asking for UTF-8. */
export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be" | "gb18030";

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** The largest file an import accepts: a 5-hour transcript is under 2 MB; 200 MB is not a transcript. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/**
 * Turns the bytes of a transcript into text: UTF-8 with or without BOM, UTF-16 (BOM or the
 * zero-byte pattern of ASCII in UTF-16), GB18030/GBK (Chinese files saved on Windows).
 * Rejects empty, binary and undecodable input with an ImportError naming the file.
 */
export function decodeTranscriptBytes(bytes: Uint8Array, file: string): DecodedText {
  if (bytes.length > MAX_IMPORT_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(0);
    throw new ImportError(
      `the file is ${mb} MB; a transcript is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB (is this an audio or video file?)`,
      { file },
    );
  }
  if (bytes.length === 0) throw new ImportError("the file is empty", { file });

  const bomEncoding = encodingFromBom(bytes);
  if (bomEncoding) return finish(decodeStrict(bytes, bomEncoding, file), bomEncoding, file);

  const utf16 = guessUtf16WithoutBom(bytes);
  if (utf16) return finish(decodeStrict(bytes, utf16, file), utf16, file);

  if (looksBinary(bytes)) {
    throw new ImportError("this is a binary file, not a transcript (expected text such as VTT, SRT, JSON or HTML)", {
      file,
    });
  }

  const utf8 = tryDecode(bytes, "utf-8");
  if (utf8 !== null) return finish(utf8, "utf-8", file);

  const gb = tryDecode(bytes, "gb18030");
  if (gb !== null && looksLikeChinese(gb)) return finish(gb, "gb18030", file);

  const offset = firstInvalidUtf8Offset(bytes);
  const line = lineAtByte(bytes, offset);
  throw new ImportError(
    `the text encoding is not UTF-8, UTF-16 or GB18030 (invalid byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")} at byte ${offset}); save the file as UTF-8 and import it again`,
    { file, line },
  );
}

function finish(text: string, encoding: TextEncodingName, file: string): DecodedText {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (withoutBom.trim() === "") throw new ImportError("the file has no text in it (only whitespace)", { file });
  return { text: withoutBom, encoding };
}

function encodingFromBom(b: Uint8Array): TextEncodingName | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return "utf-8";
  if (b[0] === 0xff && b[1] === 0xfe) return "utf-16le";
  if (b[0] === 0xfe && b[1] === 0xff) return "utf-16be";
  return null;
}

/** ASCII text in UTF-16 has a zero byte in every other position. */
function guessUtf16WithoutBom(b: Uint8Array): TextEncodingName | null {
  const n = Math.min(b.length - (b.length % 2), 4096);
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZeros++;
    if (b[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "utf-16le";
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "utf-16be";
  return null;
}

/** NUL bytes or many control characters in the first 8 KB mean this is not text. */
function looksBinary(b: Uint8Array): boolean {
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i] ?? 0;
    if (c === 0) return true;
    if (c < 9 || (c > 13 && c < 32 && c !== 27)) control++;
  }
  return control > n * 0.02;
}

function decodeStrict(bytes: Uint8Array, encoding: TextEncodingName, file: string): string {
  const text = tryDecode(bytes, encoding);
  if (text === null) {
    throw new ImportError(`the file says it is ${encoding.toUpperCase()} but contains bytes that are not valid there`, {
      file,
    });
  }
  return text;
}

function tryDecode(bytes: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** GB18030 decodes almost any bytes; accept it only when the result is mostly common Chinese. */
function looksLikeChinese(text: string): boolean {
  let cjk = 0;
  let other = 0;
  for (const ch of text.slice(0, 20000)) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef)) cjk++;
    else other++;
  }
  return cjk > 0 && other <= cjk * 0.05;
}

function firstInvalidUtf8Offset(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    const need = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}

function lineAtByte(b: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < b.length; i++) if (b[i] === 10) line++;
  return line;
}
