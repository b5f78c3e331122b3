import type { ConceptKind, GlossaryEntry } from "../types.js";
import { specificity } from "./common-words.js";
import type { Token, TokenisedSegment } from "./tokens.js";

/**
 * What kind of concept a name is: a term, a model (or product), an organisation or a person.
 * The glossary's kind wins when it knows the name; otherwise the shape of the name (digits make
 * a model: "GPT-5", "Qwen 3"; "Institute", "Labs" an organisation; the episode's speakers and
 * two-word names people) and the words around its mentions ("at X", "X released", "X said").
 */

/** Words that end an organisation's name. */
const ORG_SUFFIXES = new Set(
  (
    "inc inc. corp corp. corporation company co co. ltd llc labs lab institute university college school " +
    "foundation group systems technologies technology research capital ventures partners fund bank " +
    "agency ministry council association society media studios games academy network networks " +
    "dynamics robotics industries motors electronics pharmaceuticals solutions enterprises holdings"
  ).split(" "),
);

const MODEL_AFTER = new Set(
  "model models pro opus sonnet haiku flash mini nano thinking instruct base chat checkpoint ultra max turbo preview".split(
    " ",
  ),
);
const ORG_AFTER = new Set(
  (
    "released releases announced announces raised hired hires employees ceo founder founders cofounder " +
    "co-founder valuation invested invests acquired bought headquarters stock shares"
  ).split(" "),
);
const ORG_BEFORE = new Set(["at", "joined", "join", "joining", "startup", "company", "companies", "investors"]);
const PERSON_AFTER = new Set(
  "said says tweeted tweets wrote writes argued argues believes told thinks himself herself".split(" "),
);
const PERSON_BEFORE = new Set(["mr", "mrs", "ms", "dr", "professor", "prof", "ceo", "founder", "cofounder"]);

/** Counts of the context words that hint at each kind, over all mentions of a concept. */
export interface KindCues {
  person: number;
  organisation: number;
  model: number;
}

/**
 * Look at the word before and after each mention. `spans` are mentions as segment id and
 * character span; `byId` gives each segment's tokens.
 */
export function kindCues(
  spans: { segmentId: number; start: number; end: number }[],
  byId: Map<number, TokenisedSegment>,
): KindCues {
  const cues: KindCues = { person: 0, organisation: 0, model: 0 };
  for (const s of spans) {
    const seg = byId.get(s.segmentId);
    if (!seg) continue;
    const { before, after, possessive } = neighbours(seg, s.start, s.end);
    if (after) {
      const said = seg.segment.text.slice(s.start, s.end);
      if (/^[\d.]+$/.test(after.text) || /^[A-Za-z]?\d/.test(after.text)) cues.model++;
      // "Llama models" names a model family; "LLM models", "Mixture of Experts models" do not.
      else if (MODEL_AFTER.has(after.lower) && /^\p{Lu}\p{Ll}+$|^\p{Ll}+\p{Lu}/u.test(said)) cues.model++;
      if (ORG_AFTER.has(after.lower)) cues.organisation++;
      if (PERSON_AFTER.has(after.lower)) cues.person++;
    }
    if (possessive) cues.organisation += 0.5;
    if (before) {
      if (ORG_BEFORE.has(before.lower)) cues.organisation++;
      if (PERSON_BEFORE.has(before.lower)) cues.person++;
    }
  }
  return cues;
}

function neighbours(
  seg: TokenisedSegment,
  start: number,
  end: number,
): { before: Token | undefined; after: Token | undefined; possessive: boolean } {
  const tokens = seg.tokens;
  // Binary search for the first token at or after the span's start.
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid] as Token).start < start) lo = mid + 1;
    else hi = mid;
  }
  let j = lo;
  while (j < tokens.length && (tokens[j] as Token).end <= end) j++;
  const before = lo > 0 && !(tokens[lo] as Token | undefined)?.breakBefore ? tokens[lo - 1] : undefined;
  const afterTok = tokens[j];
  const after = afterTok && !afterTok.breakBefore ? afterTok : undefined;
  const possessive = /^['’]s\b/.test(seg.segment.text.slice(end, end + 3));
  return { before, after, possessive };
}

/** All a kind is decided on. */
export interface KindEvidence {
  /** The forms said, most frequent first. */
  forms: string[];
  packKind?: GlossaryEntry["kind"];
  isName: boolean;
  isAcronym: boolean;
  isModelLike: boolean;
  /** The episode's voices: their names (and first or last names) are people. */
  speakers: string[];
  cues: KindCues;
  /** How many mentions the cues were counted over (default: cues are taken as they are). */
  mentionCount?: number;
}

/** True when a form is a speaker's name or one of its parts ("Nathan" for "Nathan Lambert"). */
export function isSpeakerName(form: string, speakers: string[]): boolean {
  const f = form.toLowerCase();
  return speakers.some((s) => {
    const name = s.toLowerCase();
    return name === f || name.split(/\s+/).includes(f);
  });
}

/** The kind of a concept from its evidence (see the module comment for the order of the rules). */
export function conceptKind(e: KindEvidence): ConceptKind {
  if (e.packKind) return e.packKind === "debate" ? "term" : e.packKind;
  const main = e.forms[0] ?? "";
  if (e.forms.some((f) => isSpeakerName(f, e.speakers))) return "person";
  const words = main.split(/\s+/);
  const last = (words[words.length - 1] ?? "").toLowerCase();
  // "Boston Dynamics", "Allen Institute": a capitalised name; "neural networks" is a term.
  if (words.length > 1 && ORG_SUFFIXES.has(last) && /^\p{Lu}/u.test(main)) return "organisation";
  if (words.length > 1 && last === "ai" && /^\p{Lu}/u.test(main)) return "organisation";
  if (e.isModelLike && /\p{L}/u.test(main)) return "model";
  // "Mixture of Experts", "Reinforcement Learning from Human Feedback": a term written as a title.
  if (words.length > 2 && words.some((w) => /^(?:of|for|from|with|on)$/.test(w))) return "term";
  if (!e.isName) return "term";
  const { person, organisation, model } = e.cues;
  if (looksLikePersonName(words) && model < 1 && organisation <= person + 1) return "person";
  if (person >= 2 && person > organisation && person > model) return "person";
  if (model >= 1 && model >= organisation) return "model";
  // An acronym needs several hints to be a company ("GRPO's" is a method's, "LLM's" a technology's).
  const orgNeeded = e.isAcronym ? Math.max(2, 0.2 * (e.mentionCount ?? 0)) : 1;
  if (organisation >= orgNeeded) return "organisation";
  // An acronym with no context is a technical term (RLHF, GPU); a bare capitalised name a company or a product.
  if (e.isAcronym) return "term";
  return /^\p{Lu}/u.test(main) ? "organisation" : "term";
}

/** Two or three capitalised words, no digits, the surname a rare word: "Nathan Lambert", "Sam Altman". */
function looksLikePersonName(words: string[]): boolean {
  if (words.length < 2 || words.length > 3) return false;
  if (!words.every((w) => /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*$/u.test(w))) return false;
  return specificity(words[words.length - 1] ?? "") >= 0.5;
}
