import type { ConceptItem, MapNotes, MapOutNode, StanceGroups } from "./schemas.js";
import type {
  ChapterSummary,
  ConceptEnrichmentContent,
  ConceptNote,
  EnrichMoment,
  RefinedMapNode,
  SpeakerClaim,
} from "./types.js";

/**
 * Turning validated model answers into what is kept: numbered lines back into moments, quotes
 * checked against the transcript, partial summaries joined. Pure.
 */

/** A name compared loosely: case, spaces and punctuation do not matter. */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** The moments behind line numbers; numbers that were not shown are dropped. */
export function momentsOf(numbers: number[], lines: EnrichMoment[]): EnrichMoment[] {
  const seen = new Set<number>();
  const out: EnrichMoment[] = [];
  for (const n of numbers) {
    const moment = lines[n - 1];
    if (!moment || seen.has(moment.segmentId)) continue;
    seen.add(moment.segmentId);
    out.push(moment);
  }
  return out.sort((a, b) => a.startMs - b.startMs);
}

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .trim();

/** Whether a quote is really in the segment's text (ignoring case, spacing and punctuation). */
export function isVerbatim(quote: string, segmentText: string): boolean {
  const q = normalise(quote.replace(/^["'“”‘’]+|["'“”‘’.…]+$/g, ""));
  return q.split(" ").length >= 3 && normalise(segmentText).includes(q);
}

/** What one part's notes add: chapter summaries, notes per concept (by name key), checked claims. */
export interface PartNotes {
  chapters: ChapterSummary[];
  concepts: Map<string, ConceptNote>;
  claims: SpeakerClaim[];
  /** Claims whose quote is not in the transcript: left out. */
  droppedClaims: number;
}

/**
 * A part's validated notes: chapter titles matched to the chapters listed (else the model's title
 * at the part's start), concept notes matched to the names given, claims kept only when their quote
 * is in the line they cite.
 */
export function readPartNotes(
  notes: MapNotes,
  part: { lines: EnrichMoment[]; texts: Map<number, string>; chapters: { title: string; startMs: number }[] },
  conceptNames: string[],
): PartNotes {
  const firstMs = part.lines[0]?.startMs ?? 0;
  const chapters = notes.chapters.map((c, i) => {
    const listed =
      part.chapters.find((l) => nameKey(l.title) === nameKey(c.title)) ??
      (notes.chapters.length === part.chapters.length ? part.chapters[i] : undefined);
    return { title: listed?.title ?? c.title, startMs: listed?.startMs ?? firstMs, summary: c.summary };
  });
  const known = new Map(conceptNames.map((n) => [nameKey(n), n]));
  const concepts = new Map<string, ConceptNote>();
  for (const c of notes.concepts) {
    const key = nameKey(c.name);
    if (!known.has(key)) continue;
    concepts.set(key, { text: c.notes, moments: momentsOf(c.lines, part.lines) });
  }
  const claims: SpeakerClaim[] = [];
  let droppedClaims = 0;
  for (const c of notes.claims) {
    const moment = part.lines[c.line - 1];
    const text = moment ? part.texts.get(moment.segmentId) : undefined;
    if (!moment || text === undefined || !isVerbatim(c.quote, text)) {
      droppedClaims++;
      continue;
    }
    claims.push({ speaker: c.speaker, topic: c.topic, claim: c.claim, quote: c.quote, ...moment });
  }
  return { chapters, concepts, claims, droppedClaims };
}

/** Chapter summaries of all parts, one per chapter: a chapter split over parts gets its pieces joined. */
export function mergeChapterSummaries(parts: ChapterSummary[][]): ChapterSummary[] {
  const byChapter = new Map<string, ChapterSummary>();
  for (const c of parts.flat()) {
    const key = `${c.startMs}|${nameKey(c.title)}`;
    const old = byChapter.get(key);
    byChapter.set(key, old ? { ...old, summary: `${old.summary} ${c.summary}` } : { ...c });
  }
  return [...byChapter.values()].sort((a, b) => a.startMs - b.startMs);
}

/** A validated concept item as the two rows kept (English and Chinese). */
export function conceptContents(
  item: ConceptItem,
  lines: EnrichMoment[],
  episodeId: string,
): { en: ConceptEnrichmentContent; zh: ConceptEnrichmentContent } {
  const moments = momentsOf(item.lines, lines);
  const rubric = (lang: "en" | "zh") => ({
    keyPoints: item.keyPoints.map((k, i) => ({ id: `point-${i + 1}`, point: k[lang], required: k.required })),
    misconceptions: item.misconceptions.map((m, i) => ({ id: `misconception-${i + 1}`, description: m[lang] })),
  });
  const content = (lang: "en" | "zh"): ConceptEnrichmentContent => ({
    version: 1,
    episodeId,
    explanation: item[lang].explanation,
    examples: item[lang].examples,
    checkQuestions: item[lang].checkQuestions,
    rubric: rubric(lang),
    prerequisites: item.prerequisites,
    moments,
  });
  return { en: content("en"), zh: content("zh") };
}

/** The stance draft: the grouped topics with their claims (claim numbers are 1-based). */
export function stanceDraft(groups: StanceGroups, claims: SpeakerClaim[]) {
  const used = new Set<number>();
  return groups.topics
    .map((t) => ({
      topic: t.topic,
      claims: t.claims
        .filter((n) => n >= 1 && n <= claims.length && !used.has(n) && used.add(n))
        .map((n) => claims[n - 1] as SpeakerClaim)
        .sort((a, b) => a.startMs - b.startMs),
    }))
    .filter((t) => t.claims.length > 0);
}

/** The model's tree as a mind map: chapters and concepts linked where it named ones that exist. */
export function refinedMindMap(
  root: MapOutNode,
  chapters: ChapterSummary[],
  concepts: { key: string; name: string }[],
): RefinedMapNode {
  const byName = new Map(concepts.map((c) => [nameKey(c.name), c.key]));
  let next = 0;
  const walk = (node: MapOutNode, depth: number): RefinedMapNode => {
    const chapter = node.chapter !== undefined ? chapters[node.chapter - 1] : undefined;
    const conceptKey = node.concept ? byName.get(nameKey(node.concept)) : undefined;
    const kind = depth === 0 ? "episode" : conceptKey ? "concept" : chapter ? "chapter" : "chapter";
    return {
      id: `refined-${next++}`,
      title: node.title,
      kind,
      ...(conceptKey ? { conceptKey } : {}),
      ...(chapter ? { startMs: chapter.startMs } : {}),
      children: depth >= 3 ? [] : (node.children ?? []).map((c) => walk(c, depth + 1)),
    };
  };
  return walk(root, 0);
}
