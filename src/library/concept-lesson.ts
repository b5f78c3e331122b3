import type { MasteryState } from "../core/index.js";
import type { LoadedPack } from "../knowledge/index.js";
import {
  type Attempt,
  type ConceptRef,
  findConcept,
  getEpisodeConcept,
  getMasteryState,
  listAttempts,
  listConceptMarks,
  type Store,
} from "../store/index.js";
import { buildLesson, type Lesson, type LessonMoment, type TutorLanguage } from "../tutor/lesson.js";
import { type Calibration, calibrationOf, conceptPackEntry, describePoints } from "./explain-back.js";

/** Where the episode says the concept's name, with a little of what is around it. */
export interface ConceptMention {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  before: string;
  term: string;
  after: string;
}

/** A prerequisite or related pack entry, with what the library knows of it. */
export interface LinkedEntry {
  entryId: string;
  name: string;
  conceptId: number | null;
  inEpisode: boolean;
  state: MasteryState;
}

/** A kept attempt, its points named in the learner's language. */
export interface DescribedAttempt extends Omit<Attempt, "covered" | "missing" | "misconceptions" | "context"> {
  covered: { id: string; text: string }[];
  missing: { id: string; text: string }[];
  misconceptions: { id: string; text: string }[];
  context: "tutor" | "review" | "pass3";
  calibration: Calibration;
}

/** Everything the concept page shows for one concept of one episode. */
export interface ConceptLesson {
  concept: { id: number; name: string; aliases: string[]; kind: string; packEntryId: string | null };
  language: TutorLanguage;
  state: MasteryState;
  episodeSays: LessonMoment[];
  mentions: ConceptMention[];
  card: Lesson["card"];
  prerequisites: LinkedEntry[];
  checkQuestions: string[];
  related: Omit<LinkedEntry, "state">[];
  marks: { id: number; pass: 1 | 2 | 3; startMs: number; confidence: number | null; note: string | null }[];
  attempts: DescribedAttempt[];
}

/** How many moments of "what the episode says" the page lists. */
const MAX_MOMENTS = 10;
/** Characters of context shown on each side of a mention. */
const CONTEXT_CHARS = 90;

/** A library concept by id, or null. */
export function conceptById(store: Store, conceptId: number): ConceptRef | null {
  const row = store.db
    .prepare("SELECT id, key, name, kind, pack_entry_id AS packEntryId FROM concept WHERE id = ?")
    .get(conceptId) as ConceptRef | undefined;
  return row ?? null;
}

/** Whether the episode talks about the concept, or the learner marked it there. */
export function isConceptOfEpisode(store: Store, episodeId: string, conceptId: number): boolean {
  return !!store.db
    .prepare(
      `SELECT 1 FROM episode_concept WHERE episode_id = @e AND concept_id = @c
       UNION ALL SELECT 1 FROM mark WHERE episode_id = @e AND concept_id = @c LIMIT 1`,
    )
    .get({ e: episodeId, c: conceptId });
}

/**
 * Assembles the concept page: what the episode says (ranked definitions and every place it is
 * said), the pack card in the learner's language, the prerequisites with their mastery, check
 * questions, the learner's marks and every explanation attempt. Null when the episode neither
 * says nor marks the concept.
 */
export function conceptLesson(
  store: Store,
  packs: LoadedPack[],
  o: { episodeId: string; conceptId: number; language: TutorLanguage },
): ConceptLesson | null {
  const concept = conceptById(store, o.conceptId);
  if (!concept || !isConceptOfEpisode(store, o.episodeId, concept.id)) return null;
  const inEpisode = getEpisodeConcept(store, o.episodeId, concept.id);
  const entry = conceptPackEntry(packs, concept);
  const lesson = buildLesson({
    conceptName: inEpisode?.name ?? concept.name,
    language: o.language,
    entry,
    packEntries: packs.flatMap((p) => p.entries),
    definitions: inEpisode?.definitions ?? [],
    maxMoments: MAX_MOMENTS,
  });
  const link = (entryId: string, name: string) => {
    const known = findConcept(store, entryId, o.episodeId);
    return {
      entryId,
      name,
      conceptId: known?.id ?? null,
      inEpisode: known ? isConceptOfEpisode(store, o.episodeId, known.id) : false,
    };
  };
  const definitions = inEpisode?.definitions.map((d) => d.text) ?? [];
  const aliases = [...new Set([inEpisode?.name ?? concept.name, ...(inEpisode?.aliases ?? [])])].filter(
    (a) => a !== lesson.conceptName,
  );
  return {
    concept: { id: concept.id, name: lesson.conceptName, aliases, kind: concept.kind, packEntryId: entry?.id ?? null },
    language: o.language,
    state: getMasteryState(store, concept.id),
    episodeSays: lesson.episodeSays,
    mentions: conceptMentions(store, o.episodeId, concept.id),
    card: lesson.card,
    prerequisites: lesson.prerequisites.map((p) => {
      const linked = link(p.entryId, p.name);
      return { ...linked, state: linked.conceptId ? getMasteryState(store, linked.conceptId) : "new" };
    }),
    checkQuestions: lesson.checkQuestions,
    related: lesson.related.map((r) => link(r.entryId, r.name)),
    marks: listConceptMarks(store, o.episodeId, concept.id).map(({ id, pass, startMs, confidence, note }) => ({
      id,
      pass,
      startMs,
      confidence,
      note,
    })),
    attempts: listAttempts(store, concept.id).map((a) =>
      describeAttempt(a, { entry, conceptName: concept.name, definitions }),
    ),
  };
}

/** An attempt as the page shows it: points named in the language it was given in, and its calibration. */
export function describeAttempt(attempt: Attempt, source: Parameters<typeof describePoints>[2]): DescribedAttempt {
  const language = attempt.language;
  return {
    ...attempt,
    context: attempt.context ?? "tutor",
    covered: describePoints(attempt.covered, language, source),
    missing: describePoints(attempt.missing, language, source),
    misconceptions: describePoints(attempt.misconceptions, language, source),
    calibration: calibrationOf(attempt.confidence, attempt.verdict),
  };
}

/** Each paragraph that says the concept, once, with the first saying of it in context. */
function conceptMentions(store: Store, episodeId: string, conceptId: number): ConceptMention[] {
  const rows = store.db
    .prepare(
      `SELECT m.segment_id AS segmentId, s.start_ms AS startMs, sp.name AS speaker, s.text,
         m.start_char AS startChar, m.end_char AS endChar
       FROM mention m JOIN segment s ON s.id = m.segment_id LEFT JOIN speaker sp ON sp.id = s.speaker_id
       WHERE m.episode_id = ? AND m.concept_id = ? ORDER BY s.idx, m.start_char`,
    )
    .all(episodeId, conceptId) as {
    segmentId: number;
    startMs: number;
    speaker: string | null;
    text: string;
    startChar: number;
    endChar: number;
  }[];
  const seen = new Set<number>();
  const mentions: ConceptMention[] = [];
  for (const r of rows) {
    if (seen.has(r.segmentId)) continue;
    seen.add(r.segmentId);
    mentions.push({
      segmentId: r.segmentId,
      startMs: r.startMs,
      speaker: r.speaker,
      ...snippet(r.text, r.startChar, r.endChar),
    });
  }
  return mentions;
}

/** The words around a span, cut at word boundaries, with an ellipsis where the paragraph goes on. */
export function snippet(text: string, start: number, end: number): { before: string; term: string; after: string } {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  let before = text.slice(from, start);
  let after = text.slice(end, to);
  if (from > 0) before = `…${before.replace(/^\S*\s/, "")}`;
  if (to < text.length) after = `${after.replace(/\s\S*$/, "")}…`;
  return { before, term: text.slice(start, end), after };
}
