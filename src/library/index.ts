export * from "./analyze-episode.js";
export * from "./episode-json.js";
export * from "./fetch-source.js";
export * from "./import-episode.js";
export * from "./packs.js";
export * from "./sample.js";
