export { type AnalyzeOptions, analyzeEpisode } from "./analyze.js";
export { analysisInputFromTranscript } from "./from-transcript.js";
export { draftMindMap } from "./mindmap.js";
export * from "./types.js";
