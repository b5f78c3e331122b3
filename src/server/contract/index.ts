/**
 * The one typed contract between the web app and the server. Plain types and constants only:
 * web/ imports these as types, server routes type their answers with them.
 */
export * from "./asr.js";
export * from "./concepts.js";
export * from "./enrichment.js";
export * from "./episode.js";
export * from "./library.js";
export * from "./map.js";
export * from "./progress.js";
export * from "./review.js";
export * from "./settings.js";
export * from "./stances.js";
export * from "./tutor.js";
