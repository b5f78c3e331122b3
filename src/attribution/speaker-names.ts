/**
 * Speaker names compared the way people write them: "Nathan", "Lambert", "nathan lambert" and
 * "Dr. Nathan Lambert" are all Nathan Lambert; "Sebastian" is not "Sebastian Raschka's co-host".
 */

const TITLES = new Set(["dr", "mr", "mrs", "ms", "prof", "professor", "sir"]);
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

function nameWords(name: string): string[] {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !TITLES.has(w));
}

/**
 * True when two names plausibly denote the same person: equal ignoring case, accents, punctuation
 * and titles, or one is a part of the other in order ("Nathan" / "Nathan Lambert"); Chinese names
 * (no spaces) match when one contains the other and the shorter has two characters or more.
 */
export function sameSpeaker(a: string, b: string): boolean {
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === 0 || wb.length === 0) return false;
  const ja = wa.join(" ");
  const jb = wb.join(" ");
  if (ja === jb) return true;
  if (CJK.test(ja) || CJK.test(jb)) {
    const sa = wa.join("");
    const sb = wb.join("");
    const [short, long] = sa.length <= sb.length ? [sa, sb] : [sb, sa];
    return short.length >= 2 && long.includes(short);
  }
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  return isOrderedSubset(short, long);
}

function isOrderedSubset(short: string[], long: string[]): boolean {
  let k = 0;
  for (const w of long) if (w === short[k]) k++;
  return k === short.length;
}

/**
 * The one name among `names` that `query` denotes: an exact match first, else the only loose match.
 * Null when none or several match ("Sam" among "Sam Altman" and "Sam Harris").
 */
export function resolveSpeakerName(names: readonly string[], query: string): string | null {
  const exact = names.find((n) => n === query);
  if (exact !== undefined) return exact;
  const folded = names.filter((n) => nameWords(n).join(" ") === nameWords(query).join(" "));
  if (folded.length === 1) return folded[0] as string;
  const loose = names.filter((n) => sameSpeaker(n, query));
  return loose.length === 1 ? (loose[0] as string) : null;
}
