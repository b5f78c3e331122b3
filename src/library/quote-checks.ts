import { editorMapToMapNode, type LearnerMapNode } from "../analysis/mindmap-to-editor.js";
import {
  type AttributionCheck,
  buildQuoteIndex,
  cachedQuoteTranslation,
  checkQuote,
  checkQuoteNow,
  findQuotations,
  type QuoteIndex,
  resolveSpeakerName,
  type TranslationSource,
  translateQuoteWithModel,
} from "../attribution/index.js";
import { createLanguageModel, type LlmModel, readModelChoice } from "../llm/index.js";
import {
  getLearnerMap,
  getSegments,
  listMarks,
  listSpeakers,
  listStances,
  type Store,
  sqliteLlmCache,
} from "../store/index.js";
import { listInsights } from "../store/insights.js";
import {
  acceptQuote,
  type QuoteAcceptance,
  quoteAcceptanceLookup,
  quoteKey,
  unacceptQuote,
} from "../store/quote-acceptance.js";

/**
 * Every quote in the learner's work on an episode, checked against the transcript: the quotes of
 * the stance table, and every quotation (words in “…” or "…") in their positions, syntheses,
 * insights, mark notes and mind-map nodes. One list for the write-up's warnings, the API, the
 * review page and `deeplisten attribute --all`. Checked on every read, never stored: a speaker
 * correction or an edit changes the answer at once; only the learner's acceptances are stored.
 */

/** Where a quote sits in the learner's work. */
export type QuotePlace =
  | { kind: "stance"; topicId: number; topic: string; speaker: string }
  | { kind: "stance-position"; topicId: number; topic: string; speaker: string }
  | { kind: "synthesis"; topicId: number; topic: string }
  | { kind: "insight"; insightId: number; text: string }
  | { kind: "mark"; markId: number; startMs: number }
  | { kind: "map"; nodeId: string; title: string };

/** "ok": the transcript backs it as credited; "accepted": not, but the learner stands by it; "flagged": neither. */
export type QuoteStatus = "ok" | "accepted" | "flagged";

export interface LearnerQuote {
  /** Stable while the learner's text stays: the place and the quote's order in it. */
  id: string;
  place: QuotePlace;
  quote: string;
  /** The speaker it is credited to (a stance cell's column, or a name written next to it); null: uncredited. */
  credited: string | null;
  check: AttributionCheck;
  accepted: QuoteAcceptance | null;
  status: QuoteStatus;
}

/**
 * Where quotes in another language than the transcript's get their translation: the library's
 * model (read fresh, so a change on the settings page counts at once) and the LLM cache. Without a
 * model a translated quote is reported as "add a model", never silently as absent.
 */
export function quoteTranslationSource(
  store: Store,
  home: string,
  env: NodeJS.ProcessEnv = process.env,
): TranslationSource {
  const choice = readModelChoice(env, home);
  if (!choice.config) return { known: () => null, ...(choice.problem ? { problem: choice.problem } : {}) };
  const config = choice.config;
  const cache = sqliteLlmCache(store);
  let model: LlmModel | null = null;
  return {
    known: (quote, direction) => cachedQuoteTranslation(cache, config, quote, direction),
    ask: async (quote, direction) => {
      model ??= createLanguageModel(config);
      return (await translateQuoteWithModel({ quote, direction, config, model, cache })).translations;
    },
  };
}

/**
 * One quote checked against an episode's transcript as credited, through a translation when it is
 * written in another language (the API's quote checks and `deeplisten attribute --quote`).
 */
export function checkEpisodeQuote(
  store: Store,
  episodeId: string,
  quote: string,
  credited: string | null,
  source: TranslationSource | null,
  index?: QuoteIndex,
): Promise<AttributionCheck> {
  return checkQuote(index ?? buildQuoteIndex(getSegments(store, episodeId)), quote, credited, source);
}

/**
 * Every quote of the learner's work on an episode, in the order of the work: stance table,
 * insights, marks, map. Synchronous: a quote in another language is checked only through a
 * translation `translations` already knows (use `listLearnerQuotesChecked` to ask the model).
 */
export function listLearnerQuotes(
  store: Store,
  episodeId: string,
  index?: QuoteIndex,
  translations?: TranslationSource | null,
): LearnerQuote[] {
  const found = gatherQuotes(store, episodeId);
  if (found.length === 0) return [];
  const quoteIndex = index ?? buildQuoteIndex(getSegments(store, episodeId));
  return withAcceptances(
    store,
    episodeId,
    found,
    found.map((q) => checkQuoteNow(quoteIndex, q.quote, q.credited, translations)),
  );
}

/** `listLearnerQuotes`, asking the model for the translations it does not know yet (one at a time, cached). */
export async function listLearnerQuotesChecked(
  store: Store,
  episodeId: string,
  translations: TranslationSource | null,
  index?: QuoteIndex,
): Promise<LearnerQuote[]> {
  const found = gatherQuotes(store, episodeId);
  if (found.length === 0) return [];
  const quoteIndex = index ?? buildQuoteIndex(getSegments(store, episodeId));
  const checks: AttributionCheck[] = [];
  for (const q of found) checks.push(await checkQuote(quoteIndex, q.quote, q.credited, translations));
  return withAcceptances(store, episodeId, found, checks);
}

function withAcceptances(
  store: Store,
  episodeId: string,
  found: readonly FoundQuote[],
  checks: readonly AttributionCheck[],
): LearnerQuote[] {
  const accepted = quoteAcceptanceLookup(store, episodeId);
  return found.map((q, i) => {
    const check = checks[i] as AttributionCheck;
    const acceptance = check.verdict === "ok" ? null : accepted(q.quote, q.credited);
    return {
      ...q,
      check,
      accepted: acceptance,
      status: check.verdict === "ok" ? "ok" : acceptance ? "accepted" : "flagged",
    };
  });
}

/** The quotes the write-up warns about: neither backed by the transcript nor accepted. */
export function flaggedQuotes(quotes: readonly LearnerQuote[]): LearnerQuote[] {
  return quotes.filter((q) => q.status === "flagged");
}

export type AcceptOutcome =
  | { ok: true; quote: LearnerQuote }
  | { ok: false; reason: "not-found" | "ambiguous" | "verified"; candidates: LearnerQuote[] };

/** How a quote is picked: `exact` (the web app: its text and credited speaker as listed), or as typed in a terminal. */
export interface PickOptions {
  exact?: boolean;
  /** Known translations of quotes in another language than the transcript's (their cached checks). */
  translations?: TranslationSource | null;
}

/**
 * Accepts one of the learner's quotes as credited. `text` is the quote as the learner types it
 * again (its exact words first, then ignoring case and punctuation, then a unique part of it);
 * `speaker` picks among the same words credited to several people. With `exact`, the text (spaces
 * collapsed) and the credited speaker (null: uncredited) must be the listed ones. A quote the
 * transcript already backs needs no acceptance.
 */
export function acceptLearnerQuote(
  store: Store,
  episodeId: string,
  text: string,
  speaker?: string | null,
  options: PickOptions = {},
): AcceptOutcome {
  const found = pickQuote(listLearnerQuotes(store, episodeId, undefined, options.translations), text, speaker, options);
  if (!found.ok) return found;
  const q = found.quote;
  if (q.check.verdict === "ok") return { ok: false, reason: "verified", candidates: [q] };
  const accepted = acceptQuote(store, episodeId, { quote: q.quote, speaker: q.credited, verdict: q.check.verdict });
  return { ok: true, quote: { ...q, accepted, status: "accepted" } };
}

/** Takes back the acceptance of one of the learner's quotes (found as in `acceptLearnerQuote`). */
export function unacceptLearnerQuote(
  store: Store,
  episodeId: string,
  text: string,
  speaker?: string | null,
  options: PickOptions = {},
): AcceptOutcome {
  const found = pickQuote(
    listLearnerQuotes(store, episodeId).filter((q) => q.accepted),
    text,
    speaker,
    options,
  );
  if (!found.ok) return found;
  unacceptQuote(store, episodeId, found.quote.quote, found.quote.credited);
  return { ok: true, quote: { ...found.quote, accepted: null, status: "flagged" } };
}

function pickQuote(
  quotes: readonly LearnerQuote[],
  text: string,
  speaker: string | null | undefined,
  options: PickOptions,
) {
  const bySpeaker = (list: LearnerQuote[]) => {
    const who = speaker?.trim();
    if (options.exact) return list.filter((q) => (q.credited ?? "") === (who ?? ""));
    if (!who) return list;
    const names = [...new Set(list.map((q) => q.credited).filter((n): n is string => n !== null))];
    const name = resolveSpeakerName(names, who);
    return list.filter((q) => q.credited === name);
  };
  const key = quoteKey(text);
  const loose = looseKey(text);
  const tries = [
    (q: LearnerQuote) => quoteKey(q.quote) === key,
    (q: LearnerQuote) => looseKey(q.quote) === loose,
    (q: LearnerQuote) => loose.length > 0 && looseKey(q.quote).includes(loose),
  ];
  for (const matches of options.exact ? tries.slice(0, 1) : tries) {
    const hits = bySpeaker(quotes.filter(matches));
    // The same quote credited to the same person in two places is one acceptance.
    const distinct = new Map(hits.map((q) => [`${q.credited ?? ""}\u0000${quoteKey(q.quote)}`, q]));
    if (distinct.size === 1) return { ok: true as const, quote: hits[0] as LearnerQuote };
    if (distinct.size > 1)
      return { ok: false as const, reason: "ambiguous" as const, candidates: [...distinct.values()] };
  }
  return { ok: false as const, reason: "not-found" as const, candidates: [] };
}

function looseKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

interface FoundQuote {
  id: string;
  place: QuotePlace;
  quote: string;
  credited: string | null;
}

function gatherQuotes(store: Store, episodeId: string): FoundQuote[] {
  const names = listSpeakers(store, episodeId).map((s) => s.name);
  // A name written next to a quotation counts when it denotes one of the episode's speakers;
  // "Note: “…”" is not a credit.
  const creditOf = (written: string | null, fallback: string | null) =>
    written ? (resolveSpeakerName(names, written) ?? fallback) : fallback;
  const out: FoundQuote[] = [];
  const quotationsIn = (text: string, idBase: string, place: QuotePlace, fallback: string | null) => {
    findQuotations(text).forEach((q, i) => {
      out.push({ id: `${idBase}:${i}`, place, quote: q.quote, credited: creditOf(q.credited, fallback) });
    });
  };

  for (const topic of listStances(store, episodeId)) {
    for (const cell of topic.cells) {
      const at = { topicId: topic.id, topic: topic.title, speaker: cell.speaker };
      if (cell.quote.trim()) {
        out.push({
          id: `stance:${topic.id}:${cell.speaker}`,
          place: { kind: "stance", ...at },
          quote: cell.quote.trim(),
          credited: cell.speaker,
        });
      }
      quotationsIn(
        cell.position,
        `position:${topic.id}:${cell.speaker}`,
        { kind: "stance-position", ...at },
        cell.speaker,
      );
    }
    quotationsIn(
      topic.synthesis,
      `synthesis:${topic.id}`,
      { kind: "synthesis", topicId: topic.id, topic: topic.title },
      null,
    );
  }
  for (const insight of listInsights(store, episodeId)) {
    quotationsIn(
      insight.text,
      `insight:${insight.id}`,
      { kind: "insight", insightId: insight.id, text: insight.text },
      null,
    );
  }
  for (const mark of listMarks(store, episodeId)) {
    if (mark.note)
      quotationsIn(mark.note, `mark:${mark.id}`, { kind: "mark", markId: mark.id, startMs: mark.startMs }, null);
  }
  const map = getLearnerMap(store, episodeId);
  const root = map ? editorMapToMapNode(map.tree) : null;
  if (root) {
    const stack: LearnerMapNode[] = [root];
    const nodes: LearnerMapNode[] = [];
    while (stack.length > 0) {
      const node = stack.pop() as LearnerMapNode;
      nodes.push(node);
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as LearnerMapNode);
    }
    for (const node of nodes) {
      const place: QuotePlace = { kind: "map", nodeId: node.id, title: node.title };
      quotationsIn(node.title, `map:${node.id}:title`, place, null);
      if (node.note) quotationsIn(node.note, `map:${node.id}:note`, place, null);
    }
  }
  return out;
}
