import { editorMapToMapNode } from "../analysis/mindmap-to-editor.js";
import { attributeQuote, buildQuoteIndex } from "../attribution/index.js";
import type { MasteryState } from "../core/index.js";
import type { PostExtras, PostPathStep, PostQuoteProblem } from "../export/post-types.js";
import type { EpisodeExportData } from "../export/types.js";
import { findPackEntry, type LoadedPack } from "../knowledge/index.js";
import {
  findConcept,
  getLearnerMap,
  getMasteryState,
  getSegments,
  listStances,
  type Store,
  timeSpentPerPass,
} from "../store/index.js";
import { listInsights } from "../store/insights.js";

/** How many levels of pack prerequisites the learning path reaches below the learner's concepts. */
const PATH_DEPTH = 2;

/**
 * Everything the blog post needs beyond the notes' data, read from the library: the learner's map
 * (their own when drawn), time per pass, their stance table with every quote checked against the
 * transcript, their insights, and a learning path from the packs' prerequisites.
 */
export function loadPostExtras(
  store: Store,
  episodeId: string,
  data: EpisodeExportData,
  packs: LoadedPack[],
): PostExtras {
  const learnerMap = getLearnerMap(store, episodeId);
  const own = learnerMap ? editorMapToMapNode(learnerMap.tree) : null;
  const stances = listStances(store, episodeId);
  const count = (sql: string) => (store.db.prepare(sql).get(episodeId) as { n: number }).n;
  const conceptNames = store.db.prepare("SELECT name FROM concept WHERE id = ?");

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
      cells: s.cells.map((c) => ({ speaker: c.speaker, position: c.position, quote: c.quote, startMs: c.startMs })),
    })),
    insights: listInsights(store, episodeId).map((i) => ({
      text: i.text,
      concepts: i.conceptIds
        .map((id) => (conceptNames.get(id) as { name: string } | undefined)?.name)
        .filter((n): n is string => n !== undefined),
      moments: i.moments.map((m) => m.startMs),
    })),
    quoteProblems: quoteProblems(store, episodeId, stances),
    learningPath: learningPath(store, data, packs),
  };
}

/** Every stance quote the transcript does not back as credited, recomputed on each export. */
function quoteProblems(store: Store, episodeId: string, stances: ReturnType<typeof listStances>): PostQuoteProblem[] {
  const cells = stances.flatMap((s) => s.cells.filter((c) => c.quote.trim()).map((c) => ({ topic: s.title, cell: c })));
  if (cells.length === 0) return [];
  const index = buildQuoteIndex(getSegments(store, episodeId));
  const problems: PostQuoteProblem[] = [];
  for (const { topic, cell } of cells) {
    const check = attributeQuote(index, cell.quote, cell.speaker);
    if (check.verdict === "ok") continue;
    problems.push({
      topic,
      speaker: cell.speaker,
      quote: cell.quote,
      verdict: check.verdict,
      correctSpeaker: check.correctSpeaker,
      startMs: check.startMs,
      similarity: check.similarity,
    });
  }
  return problems;
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
