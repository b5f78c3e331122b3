export * from "./concept-key.js";
export * from "./import-error.js";
export * from "./language.js";
export * from "./mastery.js";
export * from "./speech-rate.js";
export * from "./text.js";
export * from "./timecode.js";
export * from "./transcript.js";
