export * from "./database.js";
export * from "./episodes.js";
export * from "./migrations.js";
export * from "./search.js";
export * from "./settings.js";
