import type { Language } from "./transcript.js";

/**
 * Detects whether a transcript is English or Chinese from a sample of its text: the share of CJK
 * characters among letters. Mixed Chinese text with English terms (常见 in 中文播客) still counts as zh.
 */
export function detectLanguage(text: string): Language {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  let cjk = 0;
  let latin = 0;
  for (const ch of sample) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) cjk++;
    else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  // Too little text to weigh: any Chinese character decides; letters alone lean English.
  if (cjk + latin < 20) return cjk > 0 ? "zh" : latin > 0 ? "en" : "und";
  // One Chinese character carries about as much as a short English word (≈4 letters).
  if (cjk * 4 >= latin) return "zh";
  return "en";
}
