/**
 * An English stemmer: the Porter (1980) algorithm, preceded by a small table of irregular forms and
 * British spellings. The grader compares a learner's words with rubric phrasings after stemming both,
 * so "routes", "routing" and "routed" meet; the table exists because Porter leaves "sent" and "send"
 * (or "chosen" and "choose") apart, and learners write both.
 */

/** Irregular verb forms a learner is likely to use about models, mapped to the base form. */
const IRREGULAR: Record<string, string> = {
  sent: "send",
  chose: "choose",
  chosen: "choose",
  took: "take",
  taken: "take",
  made: "make",
  wrote: "write",
  written: "write",
  saw: "see",
  seen: "see",
  gave: "give",
  given: "give",
  ran: "run",
  built: "build",
  kept: "keep",
  spent: "spend",
  thought: "think",
  brought: "bring",
  knew: "know",
  known: "know",
  learnt: "learn",
  got: "get",
  gotten: "get",
  held: "hold",
  found: "find",
  fed: "feed",
  led: "lead",
  grew: "grow",
  grown: "grow",
  drew: "draw",
  drawn: "draw",
  did: "do",
  done: "do",
  does: "do",
  has: "have",
  had: "have",
  is: "be",
  are: "be",
  was: "be",
  were: "be",
  been: "be",
  am: "be",
  fell: "fall",
  fallen: "fall",
  taught: "teach",
  caught: "catch",
  understood: "understand",
  meant: "mean",
  became: "become",
  began: "begin",
  begun: "begin",
  rose: "rise",
  risen: "rise",
  shown: "show",
  told: "tell",
  sold: "sell",
  paid: "pay",
  said: "say",
  went: "go",
  gone: "go",
  came: "come",
  threw: "throw",
  thrown: "throw",
  lower: "low",
  lowers: "low",
  lowered: "low",
  lowering: "low",
  lowest: "low",
  higher: "high",
  highest: "high",
  larger: "large",
  largest: "large",
  bigger: "big",
  biggest: "big",
  smaller: "small",
  smallest: "small",
  cheaper: "cheap",
  newer: "new",
  newest: "new",
  cheapest: "cheap",
  faster: "fast",
  fastest: "fast",
  longer: "long",
  shorter: "short",
  better: "good",
  best: "good",
  worse: "bad",
  worst: "bad",
  children: "child",
};

/** Words ending in -ise that are not British spellings of -ize. */
const ISE_WORDS = new Set([
  "expertise",
  "otherwise",
  "likewise",
  "clockwise",
  "precise",
  "concise",
  "promise",
  "premise",
  "exercise",
  "noise",
  "raise",
  "praise",
  "surprise",
  "compromise",
  "enterprise",
  "advertise",
  "supervise",
  "revise",
  "wise",
  "rise",
  "arise",
  "devise",
  "advise",
  "comprise",
  "disguise",
  "franchise",
  "merchandise",
  "improvise",
  "televise",
  "chastise",
  "despise",
]);

/** Fold British spellings into American ones before stemming: "optimise" meets "optimize". */
function americanise(word: string): string {
  if (word.length < 6) return word;
  const ise = /^(.{3,})is(e|es|ed|ing|ation|ations|er|ers)$/.exec(word);
  if (ise?.[1] && !ISE_WORDS.has(`${ise[1]}ise`)) return `${ise[1]}iz${ise[2]}`;
  const our = /^(behavi|col|fav|hon|lab|neighb|harb|hum|rum|vap)our(s|ed|ing|al|ally)?$/.exec(word);
  if (our) return `${our[1]}or${our[2] ?? ""}`;
  return word;
}

function isConsonant(word: string, i: number): boolean {
  const ch = word[i];
  if (ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u") return false;
  if (ch === "y") return i === 0 ? true : !isConsonant(word, i - 1);
  return true;
}

/** Porter's m: the number of vowel-consonant sequences in the stem. */
function measure(stem: string): number {
  let m = 0;
  let i = 0;
  const n = stem.length;
  while (i < n && isConsonant(stem, i)) i++;
  while (i < n) {
    while (i < n && !isConsonant(stem, i)) i++;
    if (i >= n) break;
    while (i < n && isConsonant(stem, i)) i++;
    m++;
  }
  return m;
}

function hasVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i++) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

/** consonant-vowel-consonant at the end, the last not w, x or y (Porter's *o). */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (n < 3) return false;
  const last = word[n - 1];
  return (
    isConsonant(word, n - 3) &&
    !isConsonant(word, n - 2) &&
    isConsonant(word, n - 1) &&
    last !== "w" &&
    last !== "x" &&
    last !== "y"
  );
}

/** Replace `suffix` by `replacement` when the remaining stem has measure > `minMeasure`. */
function replaceIf(word: string, suffix: string, replacement: string, minMeasure: number): string | null {
  if (!word.endsWith(suffix)) return null;
  const stem = word.slice(0, word.length - suffix.length);
  return measure(stem) > minMeasure ? stem + replacement : word;
}

function step1a(w: string): string {
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("ies")) return w.slice(0, -2);
  if (w.endsWith("ss")) return w;
  if (w.endsWith("s")) return w.slice(0, -1);
  return w;
}

function step1b(w: string): string {
  if (w.endsWith("eed")) {
    const stem = w.slice(0, -3);
    return measure(stem) > 0 ? w.slice(0, -1) : w;
  }
  let stem: string | null = null;
  if (w.endsWith("ed") && hasVowel(w.slice(0, -2))) stem = w.slice(0, -2);
  else if (w.endsWith("ing") && hasVowel(w.slice(0, -3))) stem = w.slice(0, -3);
  if (stem === null) return w;
  if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) return `${stem}e`;
  if (endsDoubleConsonant(stem) && !/[lsz]$/.test(stem)) return stem.slice(0, -1);
  if (measure(stem) === 1 && endsCvc(stem)) return `${stem}e`;
  return stem;
}

function step1c(w: string): string {
  if (w.endsWith("y") && hasVowel(w.slice(0, -1))) return `${w.slice(0, -1)}i`;
  return w;
}

const STEP2: [string, string][] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
];

const STEP3: [string, string][] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];

const STEP4 = [
  "al",
  "ance",
  "ence",
  "er",
  "ic",
  "able",
  "ible",
  "ant",
  "ement",
  "ment",
  "ent",
  "ion",
  "ou",
  "ism",
  "ate",
  "iti",
  "ous",
  "ive",
  "ize",
];

function applyTable(w: string, table: [string, string][]): string {
  for (const [suffix, replacement] of table) {
    const out = replaceIf(w, suffix, replacement, 0);
    if (out !== null) return out;
  }
  return w;
}

function step4(w: string): string {
  // Longest suffix first, as Porter specifies ("ement" before "ment" before "ent").
  let best: string | null = null;
  for (const suffix of STEP4) if (w.endsWith(suffix) && (best === null || suffix.length > best.length)) best = suffix;
  if (best === null) return w;
  const stem = w.slice(0, w.length - best.length);
  if (measure(stem) <= 1) return w;
  if (best === "ion" && !/[st]$/.test(stem)) return w;
  return stem;
}

function step5(w: string): string {
  let out = w;
  if (out.endsWith("e")) {
    const stem = out.slice(0, -1);
    const m = measure(stem);
    if (m > 1 || (m === 1 && !endsCvc(stem))) out = stem;
  }
  if (measure(out) > 1 && endsDoubleConsonant(out) && out.endsWith("l")) out = out.slice(0, -1);
  return out;
}

/** The Porter stem of one lowercase English word (no table, no spelling folding). */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  let w = word;
  w = step1a(w);
  w = step1b(w);
  w = step1c(w);
  w = applyTable(w, STEP2);
  w = applyTable(w, STEP3);
  w = step4(w);
  w = step5(w);
  return w;
}

const cache = new Map<string, string>();

/**
 * The stem the grader compares: irregular forms and British spellings folded first, then Porter.
 * Input must already be lowercase. Words with digits or non-Latin letters come back unchanged.
 */
export function stemWord(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  const base = IRREGULAR[word] ?? americanise(word);
  const out = porterStem(base);
  // Bounded so a long-running server grading many texts cannot grow the cache without limit.
  if (cache.size > 50_000) cache.clear();
  cache.set(word, out);
  return out;
}
