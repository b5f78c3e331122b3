import type { Glossary } from "../analysis/types.js";
import type { LoadedPack } from "./loader.js";

/**
 * The names the packs know, for the analysis: each entry's id, kind and names in both languages.
 * The analysis uses them for canonical names and aliases; it never needs them to find concepts.
 */
export function glossaryFromPacks(packs: LoadedPack[]): Glossary {
  return {
    entries: packs.flatMap((p) =>
      p.entries.map((e) => ({ id: e.id, kind: e.kind, names: { en: e.names.en, zh: e.names.zh } })),
    ),
  };
}
