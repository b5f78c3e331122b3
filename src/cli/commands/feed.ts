import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readEnv } from "../../config/env.js";
import { formatTimecode, ImportError } from "../../core/index.js";
import { decodeTranscriptBytes, parseFeed, pickPreferredTranscript } from "../../ingest/index.js";
import { fetchSource } from "../../library/index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../usage-error.js";

/** `deeplisten feed <file|URL>`: the episodes of a podcast feed, with what each links. */
export async function feedCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("usage: deeplisten feed <file or URL> [--json]");
  const source = positionals[0] as string;
  const bytes = /^https?:\/\//i.test(source)
    ? (await fetchSource(source, { timeoutMs: readEnv().DEEPLISTEN_FETCH_TIMEOUT_MS })).bytes
    : readFeedFile(source);
  const { text } = decodeTranscriptBytes(bytes, source);
  const feed = parseFeed(text, { fileName: source });
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ feed }));
    return 0;
  }
  ctx.stdout(`${feed.title} (${feed.items.length} episodes)`);
  for (const item of feed.items) {
    const preferred = pickPreferredTranscript(item.transcripts);
    const length = item.durationMs ? formatTimecode(item.durationMs) : "--:--:--";
    ctx.stdout(`${String(item.index).padStart(4)}  ${length}  ${item.title}`);
    if (item.audio) ctx.stdout(`        audio       ${item.audio.url}`);
    for (const t of item.transcripts) {
      ctx.stdout(`        transcript  ${t.url} (${t.type})${t === preferred ? "  <- preferred" : ""}`);
    }
    if (item.chapters) ctx.stdout(`        chapters    ${item.chapters.url}`);
    if (item.persons.length) {
      ctx.stdout(
        `        people      ${item.persons.map((p) => (p.role ? `${p.name} (${p.role})` : p.name)).join(", ")}`,
      );
    }
  }
  ctx.stdout(`\nImport one: deeplisten import ${source} --item N`);
  return 0;
}

function readFeedFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(code === "ENOENT" ? "no such file" : `the file cannot be read (${code})`, { file: path });
  }
}
