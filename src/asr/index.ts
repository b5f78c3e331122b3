export { type AudioAlignment, findAudioOffset, type TimedText } from "./align.js";
export { AUDIO_EXTENSIONS, hasAudioExtension, isAudioFile, looksLikeAudioBytes } from "./audio-file.js";
export { type AudioChunk, type ChunkPlanOptions, planChunks } from "./chunk-plan.js";
export * from "./config.js";
export { createRecogniser } from "./create-recogniser.js";
export * from "./describe.js";
export {
  ASR_SAMPLE_RATE,
  detectSilences,
  extractChunk,
  ffmpegMissingMessage,
  probeAudio,
  type Silence,
} from "./ffmpeg.js";
export { type HttpRecogniserOptions, httpRecogniser } from "./openai-recogniser.js";
export * from "./pipeline.js";
export * from "./providers.js";
export {
  type AsrProblem,
  type ChunkInput,
  type RecognisedSegment,
  type Recogniser,
  RecogniserError,
} from "./recogniser.js";
export { findSherpaModel, sherpaRecogniser } from "./sherpa-recogniser.js";
export { placeChunkSegments, stitchChunks, type TimedSegment } from "./stitch.js";
export { type AsrTestResult, silentWav, TEST_SENTENCE, testRecogniser } from "./test-recogniser.js";
