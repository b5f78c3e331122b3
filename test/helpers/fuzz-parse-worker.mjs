// A worker thread for test/reliability-fuzz.test.ts: runs one importer entry point per message, so
// the test can stop (terminate) an input that hangs instead of hanging itself. Plain .mjs because a
// worker thread gets no TypeScript loader of its own: this one registers tsx, then imports the source.
import { parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { ImportError } = await import("../../src/core/index.ts");
const { parseFeed, parsePodcasting20Chapters, parseTranscriptBytes } = await import("../../src/ingest/index.ts");

const ENTRIES = {
  transcript: (bytes, fileName) => parseTranscriptBytes(bytes, fileName).transcript,
  // As importEpisode hands a feed or a chapters file over: decoded leniently, BOM dropped.
  feed: (bytes, fileName) => parseFeed(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ""), { fileName }),
  chapters: (bytes, fileName) => parsePodcasting20Chapters(new TextDecoder().decode(bytes), { fileName }),
};

parentPort.on("message", ({ id, entry, bytes, fileName }) => {
  const started = performance.now();
  try {
    const value = ENTRIES[entry](bytes, fileName);
    parentPort.postMessage({ id, ok: true, value, ms: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({
      id,
      ok: false,
      ms: performance.now() - started,
      importError: error instanceof ImportError,
      name: error?.name ?? typeof error,
      message: String(error?.message ?? error),
      stack: String(error?.stack ?? ""),
    });
  }
});
parentPort.postMessage({ ready: true });
