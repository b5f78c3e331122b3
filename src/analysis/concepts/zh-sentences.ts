/** A sentence of a text: its words and where they are in the text (end exclusive). */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

/** Full-width and ASCII marks that end a sentence; `.` only counts in the cases checked below. */
const TERMINATORS = new Set(["。", "！", "？", "；", "…", "!", "?", ";", "\n", "\r"]);
/** Closing quotes and brackets stay with the sentence they close. */
const CLOSERS = new Set(["”", "’", "」", "』", "）", ")", "】", "》", '"', "'"]);

/**
 * Splits Chinese (or mixed Chinese and English) text into sentences at 。！？；… and line breaks,
 * and at an ASCII full stop that is followed by a space, a Chinese character or the end (so 3.5
 * and o3.mini stay whole). Intl.Segmenter is slow on long strings, so callers segment sentence by
 * sentence. Empty sentences are dropped; each span is trimmed of surrounding whitespace.
 */
export function splitChineseSentences(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  let from = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (TERMINATORS.has(ch) || (ch === "." && isFullStop(text, i))) {
      let end = i + 1;
      while (end < text.length && (TERMINATORS.has(text[end] as string) || text[end] === ".")) end++;
      while (end < text.length && CLOSERS.has(text[end] as string)) end++;
      pushTrimmed(text, from, end, out);
      from = end;
      i = end;
    } else {
      i++;
    }
  }
  pushTrimmed(text, from, text.length, out);
  return out;
}

function isFullStop(text: string, i: number): boolean {
  const next = text[i + 1];
  return next === undefined || /[\s\u3400-\u9fff]/u.test(next);
}

function pushTrimmed(text: string, start: number, end: number, out: TextSpan[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s] as string)) s++;
  while (e > s && /\s/u.test(text[e - 1] as string)) e--;
  if (e > s) out.push({ text: text.slice(s, e), start: s, end: e });
}
