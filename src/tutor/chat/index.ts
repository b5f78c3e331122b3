/**
 * The AI tutor chat's domain parts: the prompt, citations, the offline answer and the Markdown
 * export, all pure. The use case that reads the episode, calls the model and keeps the thread is
 * src/library/tutor-chat/.
 */
export { type Citation, citationLabel, citedTimes, resolveCitations } from "./citations.js";
export { threadToMarkdown } from "./markdown.js";
export { offlineAnswer } from "./offline-answer.js";
export { buildTutorPrompt, PROMPT_BUDGET, type TutorPrompt, type TutorPromptInput, trimHistory } from "./prompt.js";
export type { Passage, RetrievalConcept, ThreadMessage } from "./types.js";
