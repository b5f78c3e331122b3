import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { MarkmapAssets } from "./markmap.js";

let cached: MarkmapAssets | null = null;

/**
 * Reads the browser builds of markmap-view and of the d3 it depends on from the installed packages
 * (markmap-view 0.18.12 with d3 7), once per process. Kept apart from `mapToMarkmapHtml` so the
 * exporter stays a pure function.
 */
export function loadMarkmapAssets(): MarkmapAssets {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  // markmap-view has no "exports" map, so its browser build can be resolved directly.
  const markmapViewFile = require.resolve("markmap-view/dist/browser/index.js");
  // d3's exports map offers only its ES module to Node; the UMD build sits beside it in dist/.
  const d3Module = createRequire(markmapViewFile).resolve("d3");
  const d3File = join(dirname(d3Module), "d3.min.js");
  cached = { d3: readFileSync(d3File, "utf8"), markmapView: readFileSync(markmapViewFile, "utf8") };
  return cached;
}
