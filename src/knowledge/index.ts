/**
 * Knowledge packs: bilingual concept cards with rubrics, the data behind the offline tutor and the
 * explanation grader. The format is documented in PACK_FORMAT.md beside this file.
 */
export { nameKey } from "./cross-checks.js";
export { findPackEntry } from "./find-entry.js";
export { glossaryFromPacks } from "./glossary.js";
export { parseJsonText, type TextPosition } from "./json-text.js";
export {
  bundledPacksDir,
  ENTRIES_DIR,
  type LoadedPack,
  listPacks,
  loadPack,
  MANIFEST_FILE,
  PackError,
  type PackSummary,
  type PackValidationReport,
  validatePack,
} from "./loader.js";
export type { PackProblem, PackProblemKind } from "./problems.js";
export * from "./schema.js";
