import type { PackEntry } from "../knowledge/index.js";

export type TutorLanguage = "en" | "zh";

/** A moment of the episode that explains the concept, as the tutor shows it. */
export interface LessonMoment {
  segmentId: number;
  startMs: number;
  speaker: string | null;
  text: string;
}

/** Everything the offline tutor shows for one concept of one episode, in the learner's language. */
export interface Lesson {
  conceptName: string;
  language: TutorLanguage;
  /** The moments of the episode that define or explain it, best first (quoted in the episode's language). */
  episodeSays: LessonMoment[];
  /** The pack card, when a pack knows the concept. */
  card: {
    entryId: string;
    definition: string;
    explanation: string;
    facts: { text: string; source: string }[];
    misconceptions: string[];
  } | null;
  /** What to learn first: the prerequisites, deepest first, each with its display name. */
  prerequisites: { entryId: string; name: string }[];
  /** Socratic questions to think through before explaining. */
  checkQuestions: string[];
  /** Related entries worth a look afterwards. */
  related: { entryId: string; name: string }[];
}

/**
 * Builds the lesson for a concept: what the episode says (its own best definitions), the pack card
 * in the learner's language, the prerequisite chain, check questions. Pure.
 */
export function buildLesson(input: {
  conceptName: string;
  language: TutorLanguage;
  entry: PackEntry | null;
  /** All entries of the pack, to resolve prerequisites and related entries. */
  packEntries: PackEntry[];
  definitions: LessonMoment[];
  maxMoments?: number;
}): Lesson {
  const { entry, language } = input;
  const byId = new Map(input.packEntries.map((e) => [e.id, e]));
  const nameOf = (id: string) => byId.get(id)?.names[language][0] ?? byId.get(id)?.names.en[0] ?? id;
  return {
    conceptName: entry ? (entry.names[language][0] ?? entry.names.en[0] ?? input.conceptName) : input.conceptName,
    language,
    episodeSays: input.definitions.slice(0, input.maxMoments ?? 3),
    card: entry
      ? {
          entryId: entry.id,
          definition: entry.definition[language],
          explanation: entry.explanation[language],
          facts: entry.facts.map((f) => ({ text: f[language], source: f.source })),
          misconceptions: entry.misconceptions.map((m) => m[language]),
        }
      : null,
    prerequisites: entry ? prerequisiteChain(entry.id, byId).map((id) => ({ entryId: id, name: nameOf(id) })) : [],
    checkQuestions: entry ? entry.checkQuestions.map((q) => q[language]) : [],
    related: entry ? entry.related.slice(0, 6).map((id) => ({ entryId: id, name: nameOf(id) })) : [],
  };
}

/**
 * The prerequisites of an entry, transitively, in the order to learn them: what they rest on comes
 * first (transformer before attention before multi-head latent attention). Cycles are cut.
 */
export function prerequisiteChain(entryId: string, byId: Map<string, PackEntry>): string[] {
  const order: string[] = [];
  const seen = new Set<string>([entryId]);
  const visit = (id: string) => {
    for (const pre of byId.get(id)?.prerequisites ?? []) {
      if (seen.has(pre)) continue;
      seen.add(pre);
      visit(pre);
      order.push(pre);
    }
  };
  visit(entryId);
  return order;
}
