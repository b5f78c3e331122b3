import { conceptNameKey } from "../core/index.js";
import type { LoadedPack } from "./loader.js";
import type { PackEntry } from "./schema.js";

/** The pack entry a name means: its id, or any of its names in either language ("MLA", "多头潜在注意力"). */
export function findPackEntry(packs: LoadedPack[], name: string): PackEntry | null {
  const key = conceptNameKey(name);
  for (const pack of packs) {
    const found =
      pack.entries.find((e) => e.id === name) ??
      pack.entries.find((e) => [...e.names.en, ...e.names.zh].some((n) => conceptNameKey(n) === key));
    if (found) return found;
  }
  return null;
}
