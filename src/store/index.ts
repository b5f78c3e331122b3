export * from "./analysis.js";
export * from "./database.js";
export * from "./episodes.js";
export * from "./jobs.js";
export * from "./learning.js";
export * from "./migrations.js";
export * from "./search.js";
export * from "./settings.js";
