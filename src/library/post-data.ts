import { editorMapToMapNode } from "../analysis/mindmap-to-editor.js";
import type { TranslationSource } from "../attribution/index.js";
import type { MasteryState } from "../core/index.js";
import type { PostExtras, PostPathStep, PostQuotePlace, PostQuoteProblem } from "../export/post-types.js";
import type { EpisodeExportData } from "../export/types.js";
import { findPackEntry, type LoadedPack } from "../knowledge/index.js";
import {
  findConcept,
  getLearnerMap,
  getMasteryState,
  listStances,
  type Store,
  timeSpentPerPass,
} from "../store/index.js";
import { listInsights } from "../store/insights.js";
import { flaggedQuotes, type LearnerQuote, listLearnerQuotes, type QuotePlace } from "./quote-checks.js";

/** How many levels of pack prerequisites the learning path reaches below the learner's concepts. */
const PATH_DEPTH = 2;

/**
 * Everything the blog post needs beyond the notes' data, read from the library: the learner's map
 * (their own when drawn), time per pass, their stance table, their insights, every quote of their
 * work checked against the transcript (the ones neither backed nor accepted listed for the top of
 * the post, the accepted ones marked in place), and a learning path from the packs' prerequisites.
 */
export function loadPostExtras(
  store: Store,
  episodeId: string,
  data: EpisodeExportData,
  packs: LoadedPack[],
  /** Translations of quotes in another language (the model's, cached); without, such quotes are listed as unchecked. */
  translations: TranslationSource | null = null,
): PostExtras {
  const learnerMap = getLearnerMap(store, episodeId);
  const own = learnerMap ? editorMapToMapNode(learnerMap.tree) : null;
  const stances = listStances(store, episodeId);
  const count = (sql: string) => (store.db.prepare(sql).get(episodeId) as { n: number }).n;
  const conceptNames = store.db.prepare("SELECT name FROM concept WHERE id = ?");
  const quotes = listLearnerQuotes(store, episodeId, undefined, translations);
  // A stance quote the learner accepted is marked where it stands in the post's table.
  const acceptedCell = new Map(
    quotes.filter((q) => q.place.kind === "stance" && q.status === "accepted").map((q) => [q.id, q.check]),
  );

  return {
    map: own ?? data.map,
    mapIsLearners: own !== null,
    timeSpentMs: timeSpentPerPass(store, episodeId),
    counts: {
      marks: count("SELECT COUNT(*) AS n FROM mark WHERE episode_id = ?"),
      tutorAttempts: count("SELECT COUNT(*) AS n FROM explanation_attempt WHERE episode_id = ? AND context = 'tutor'"),
      pass3Attempts: count("SELECT COUNT(*) AS n FROM explanation_attempt WHERE episode_id = ? AND context = 'pass3'"),
      reviews: count(
        "SELECT COUNT(*) AS n FROM review_log l JOIN review_card c ON c.id = l.card_id WHERE c.episode_id = ?",
      ),
      stanceTopics: stances.length,
    },
    stances: stances.map((s) => ({
      title: s.title,
      synthesis: s.synthesis,
      cells: s.cells.map((c) => {
        const accepted = acceptedCell.get(`stance:${s.id}:${c.speaker}`);
        return {
          speaker: c.speaker,
          position: c.position,
          quote: c.quote,
          startMs: c.startMs,
          accepted: accepted
            ? {
                verdict: accepted.verdict === "wrong-speaker" ? ("wrong-speaker" as const) : ("not-found" as const),
                correctSpeaker: accepted.correctSpeaker,
              }
            : null,
        };
      }),
    })),
    insights: listInsights(store, episodeId).map((i) => ({
      text: i.text,
      concepts: i.conceptIds
        .map((id) => (conceptNames.get(id) as { name: string } | undefined)?.name)
        .filter((n): n is string => n !== undefined),
      moments: i.moments.map((m) => m.startMs),
    })),
    quoteProblems: flaggedQuotes(quotes).map(quoteProblem),
    learningPath: learningPath(store, data, packs),
  };
}

function quoteProblem(q: LearnerQuote): PostQuoteProblem {
  return {
    place: postPlace(q.place),
    speaker: q.credited,
    quote: q.quote,
    verdict: q.check.verdict === "wrong-speaker" ? "wrong-speaker" : "not-found",
    correctSpeaker: q.check.correctSpeaker,
    startMs: q.check.startMs,
    similarity: q.check.similarity,
  };
}

function postPlace(place: QuotePlace): PostQuotePlace {
  switch (place.kind) {
    case "stance":
    case "stance-position":
      return { kind: "stance", topic: place.topic };
    case "synthesis":
      return { kind: "synthesis", topic: place.topic };
    case "insight":
      return { kind: "insight" };
    case "mark":
      return { kind: "mark", startMs: place.startMs };
    case "map":
      return { kind: "map", title: place.title };
  }
}

/**
 * The learner's concepts in the order to learn them: each after its pack prerequisites (followed
 * up to PATH_DEPTH levels; ones the episode never discusses are marked as background), the
 * analysis' ranking otherwise.
 */
function learningPath(store: Store, data: EpisodeExportData, packs: LoadedPack[]): PostPathStep[] {
  const learned = data.concepts.filter((c) => c.mastery !== "new" || c.bestExplanation);
  const inEpisode = new Map<string, (typeof learned)[number]>();
  for (const c of data.concepts) inEpisode.set(c.pack?.entryId ?? `concept:${c.key}`, c);
  const steps: PostPathStep[] = [];
  const seen = new Set<string>();
  const visit = (id: string, depth: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    const entry = id.startsWith("concept:") ? null : findPackEntry(packs, id);
    if (entry && depth <= PATH_DEPTH) for (const p of entry.prerequisites) visit(p, depth + 1);
    const episodeConcept = inEpisode.get(id);
    if (episodeConcept) {
      const name = (data.language === "zh" ? entry?.names.zh[0] : null) ?? episodeConcept.name;
      steps.push({ name, inEpisode: true, mastery: episodeConcept.mastery });
    } else if (entry) {
      const known = findConcept(store, entry.id);
      const mastery: MasteryState = known ? getMasteryState(store, known.id) : "new";
      steps.push({ name: entry.names[data.language][0] ?? entry.id, inEpisode: false, mastery });
    }
  };
  for (const c of learned) visit(c.pack?.entryId ?? `concept:${c.key}`, 0);
  return steps;
}
