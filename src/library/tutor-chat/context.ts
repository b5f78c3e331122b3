import { findPackEntry, type PackEntry } from "../../knowledge/index.js";
import { getEpisode, getEpisodeConcept, type Store, type StoredEpisodeConcept } from "../../store/index.js";
import type { PromptCard } from "../../tutor/chat/prompt.js";
import { buildLesson, type Lesson, type TutorLanguage } from "../../tutor/lesson.js";
import { libraryPacks } from "../packs.js";
import type { RetrievalConcept } from "./retrieval.js";

/** A tutor request that names something the library does not have; `status` is the HTTP answer. */
export class TutorRequestError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
    this.name = "TutorRequestError";
  }
}

/** Everything a tutor turn or a grading needs to know about one concept of one episode. */
export interface ConceptContext {
  episodeId: string;
  episodeTitle: string;
  concept: { id: number; name: string; packEntryId: string | null };
  /** The concept as this episode uses it (mentions, definitions); null when the episode never says it. */
  inEpisode: StoredEpisodeConcept | null;
  entry: PackEntry | null;
  lesson: Lesson;
}

/** Loads a concept of an episode with its pack entry and lesson; a TutorRequestError when either is unknown. */
export function loadConceptContext(
  store: Store,
  home: string,
  episodeId: string,
  conceptId: number,
  language: TutorLanguage,
): ConceptContext {
  const episode = getEpisode(store, episodeId);
  if (!episode) throw new TutorRequestError(`no episode ${episodeId} in this library`, 404);
  const concept = store.db
    .prepare("SELECT id, name, pack_entry_id AS packEntryId FROM concept WHERE id = ?")
    .get(conceptId) as ConceptContext["concept"] | undefined;
  if (!concept) throw new TutorRequestError(`no concept ${conceptId} in this library`, 404);
  const packs = libraryPacks(home);
  const entry =
    (concept.packEntryId ? findPackEntry(packs, concept.packEntryId) : null) ?? findPackEntry(packs, concept.name);
  const inEpisode = getEpisodeConcept(store, episodeId, concept.id);
  const lesson = buildLesson({
    conceptName: concept.name,
    language,
    entry,
    packEntries: packs.flatMap((p) => p.entries),
    definitions: inEpisode?.definitions ?? [],
    maxMoments: 5,
  });
  return { episodeId, episodeTitle: episode.title, concept, inEpisode, entry, lesson };
}

/** The search side of a concept: its names in every language, definitions and mentions. */
export function retrievalConcept(ctx: ConceptContext): RetrievalConcept {
  const names = new Set<string>([ctx.concept.name, ...(ctx.inEpisode?.aliases ?? [])]);
  for (const n of [...(ctx.entry?.names.en ?? []), ...(ctx.entry?.names.zh ?? [])]) names.add(n);
  return {
    names: [...names].filter((n) => n.trim().length > 1).slice(0, 10),
    definitions: ctx.inEpisode?.definitions ?? [],
    mentions: ctx.inEpisode?.mentions ?? [],
  };
}

/** The pack card in the learner's language, as the prompt shows it. */
export function promptCard(ctx: ConceptContext): PromptCard | null {
  const card = ctx.lesson.card;
  if (!card) return null;
  return {
    definition: card.definition,
    explanation: card.explanation,
    facts: card.facts.map((f) => f.text),
    misconceptions: card.misconceptions,
    checkQuestions: ctx.lesson.checkQuestions,
  };
}
