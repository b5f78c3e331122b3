import { join } from "node:path";
import { type LoadedPack, listPacks, loadPack } from "../knowledge/index.js";

const cache = new Map<string, LoadedPack[]>();

/** The valid packs of a library: the bundled ones and the learner's own under `<home>/packs`. */
export function libraryPacks(home: string): LoadedPack[] {
  let packs = cache.get(home);
  if (!packs) {
    packs = listPacks([join(home, "packs")])
      .filter((p) => p.ok)
      .map((p) => loadPack(p.dir));
    cache.set(home, packs);
  }
  return packs;
}
