/**
 * The server side of the load benchmark: a temporary library holding #490 (imported and analysed),
 * served by the real app on a free loopback port. Prints one JSON line {url, episodeId, home} and
 * serves until killed; on SIGTERM it prints the number of marks stored, then exits.
 */
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { analyzeStoredEpisode, importEpisode, libraryGlossary } from "../src/library/index.js";
import { createApp } from "../src/server/app.js";
import { openStore } from "../src/store/index.js";

const [transcript] = process.argv.slice(2);
if (!transcript) throw new Error("usage: load-server.ts <transcript>");
const home = mkdtempSync(join(tmpdir(), "deeplisten-load-"));
const store = openStore(join(home, "library.sqlite"));
const { episode } = await importEpisode(store, { source: transcript });
analyzeStoredEpisode(store, episode.id, libraryGlossary(home));
const app = createApp({ store, home });
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, episodeId: episode.id, home })}\n`);
});
process.on("SIGTERM", () => {
  server.close();
  const marks = (
    store.db.prepare("SELECT count(*) AS n FROM mark WHERE episode_id = ?").get(episode.id) as { n: number }
  ).n;
  const integrity = store.db.pragma("integrity_check", { simple: true });
  process.stdout.write(`${JSON.stringify({ marksStored: marks, integrity })}\n`);
  store.db.close();
  process.exit(0);
});
