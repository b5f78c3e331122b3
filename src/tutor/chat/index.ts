/**
 * The AI tutor chat: per concept of an episode, grounded in the episode's moments, streamed from
 * any configured model, cached, kept as a thread, with the offline tutor as default and fallback.
 */
export { type Citation, citationLabel, citedTimes, resolveCitations } from "./citations.js";
export {
  type ConceptContext,
  loadConceptContext,
  promptCard,
  retrievalConcept,
  TutorRequestError,
} from "./context.js";
export { threadToMarkdown } from "./markdown.js";
export { offlineAnswer } from "./offline-answer.js";
export { buildTutorPrompt, PROMPT_BUDGET, type TutorPrompt, type TutorPromptInput, trimHistory } from "./prompt.js";
export { type Passage, retrievePassages } from "./retrieval.js";
export { MAX_QUESTION_CHARS, runTutorTurn, type TurnInput, type TurnResult } from "./run-turn.js";
export { loadThread, saveExchange, type ThreadMessage, tutorTokensOfEpisode } from "./thread.js";
