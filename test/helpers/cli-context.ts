import type { CliContext } from "../../src/cli/context.js";
import { analyzeStoredEpisode, importEpisode, libraryGlossary, SAMPLE } from "../../src/library/index.js";
import type { Store } from "../../src/store/index.js";
import { freshStore } from "./store.js";

/** A command's context over a library in process; `out` collects what it prints on stdout. */
export function captureContext(store: Store & { dir: string }, json = false): { ctx: CliContext; out: string[] } {
  const out: string[] = [];
  const ctx: CliContext = {
    home: store.dir,
    json,
    stdout: (text) => out.push(text),
    stderr: () => {},
    openLibrary: () => store,
  };
  return { ctx, out };
}

/** A fresh library (real migrations, fixed clock and ids) holding the bundled sample, analysed. */
export async function sampleLibrary(): Promise<{ store: ReturnType<typeof freshStore>; episodeId: string }> {
  const store = freshStore();
  const episodeId = (await importEpisode(store, { source: SAMPLE.transcript })).episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  return { store, episodeId };
}
