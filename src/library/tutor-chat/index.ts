/**
 * The AI tutor chat as a use case: per concept of an episode, grounded in the episode's moments,
 * streamed from any configured model, cached, kept as a thread, with the offline tutor as default
 * and fallback. The prompt and citations are domain code in src/tutor/chat.
 */
export {
  type ConceptContext,
  loadConceptContext,
  promptCard,
  retrievalConcept,
  TutorRequestError,
} from "./context.js";
export { type Passage, retrievePassages } from "./retrieval.js";
export { MAX_QUESTION_CHARS, runTutorTurn, type TurnInput, type TurnResult } from "./run-turn.js";
export { loadThread, saveExchange, type ThreadMessage, tutorTokensOfEpisode } from "./thread.js";
