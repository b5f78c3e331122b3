import { parseArgs } from "node:util";
import { formatTimecode, parseTimecode } from "../../core/index.js";
import {
  addMark,
  findOrCreateConcept,
  getEpisodeConcept,
  getEpisodePass,
  getMasteryState,
  getSegments,
  listMarks,
  type PassNumber,
} from "../../store/index.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { CommandError, UsageError } from "../usage-error.js";

export const MARK_USAGE =
  'deeplisten mark <episode> (--at hh:mm:ss | --term "MLA") [--confidence 1-5] [--pass 1|2|3] [--note T] [--json]';

/**
 * `deeplisten mark`: flags a moment or a term the learner does not really understand (pass 1),
 * with how confident they feel. A term joins its library concept and moves it to "marked".
 */
export function markCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      at: { type: "string" },
      term: { type: "string" },
      confidence: { type: "string" },
      pass: { type: "string" },
      note: { type: "string" },
    },
  });
  if (positionals.length !== 1 || (!values.at && !values.term)) throw new UsageError(`usage: ${MARK_USAGE}`);
  const typedPass = values.pass === undefined ? null : Number(values.pass);
  if (typedPass !== null && typedPass !== 1 && typedPass !== 2 && typedPass !== 3)
    throw new UsageError("--pass takes 1, 2 or 3");
  const confidence = values.confidence === undefined ? null : Number(values.confidence);
  if (confidence !== null && !(Number.isInteger(confidence) && confidence >= 1 && confidence <= 5)) {
    throw new UsageError("--confidence takes 1 (lost) to 5 (could teach it)");
  }
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  // Without --pass, the mark belongs to the pass the learner is on (`deeplisten pass`), as in the web app.
  const pass = (typedPass ?? getEpisodePass(store, episode.id)) as PassNumber;
  const segments = getSegments(store, episode.id);

  let startMs: number | null = null;
  if (values.at) {
    startMs = parseTimecode(values.at);
    if (startMs === null) throw new UsageError(`--at takes a time like 01:08:18, not "${values.at}"`);
    if (startMs > episode.durationMs) {
      throw new CommandError(`${values.at} is past the end of the episode (${formatTimecode(episode.durationMs)})`);
    }
  }
  const concept = values.term ? findOrCreateConcept(store, values.term, episode.id) : null;
  if (startMs === null && concept) {
    // A term without a time marks where the episode first says it.
    const inEpisode = getEpisodeConcept(store, episode.id, concept.id);
    const needle = (values.term ?? "").toLowerCase();
    startMs = inEpisode?.firstMs ?? segments.find((s) => s.text.toLowerCase().includes(needle))?.startMs ?? 0;
  }
  const at = startMs ?? 0;
  const segment = [...segments].reverse().find((s) => s.startMs <= at) ?? segments[0] ?? null;
  const mark = addMark(store, {
    episodeId: episode.id,
    pass,
    kind: concept ? "term" : "moment",
    startMs: at,
    segmentId: segment?.id ?? null,
    selection: values.term ?? null,
    conceptId: concept?.id ?? null,
    confidence,
    note: values.note ?? null,
  });
  const state = concept ? getMasteryState(store, concept.id) : null;
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ mark: { ...mark, concept: concept?.name ?? null, mastery: state } }));
  } else {
    const what = concept ? `"${concept.name}" (${state})` : "this moment";
    ctx.stdout(
      `Marked ${what} at ${formatTimecode(at)} in pass ${pass}${segment ? `: ${segment.speaker ? `${segment.speaker}: ` : ""}${segment.text.slice(0, 120)}` : ""}`,
    );
  }
  return 0;
}

/** `deeplisten marks <episode>`: the learner's marks in time order. */
export function marksCommand(ctx: CliContext, args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError("usage: deeplisten marks <episode> [--json]");
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const marks = listMarks(store, episode.id);
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ marks }));
    return 0;
  }
  if (marks.length === 0) ctx.stdout(`No marks yet. Mark what you do not really understand: ${MARK_USAGE}`);
  for (const m of marks) {
    const what = m.conceptName ? `${m.conceptName}` : "moment";
    const confidence = m.confidence ? `  confidence ${m.confidence}/5` : "";
    ctx.stdout(`  ${formatTimecode(m.startMs)}  pass ${m.pass}  ${what}${confidence}${m.note ? `  — ${m.note}` : ""}`);
  }
  return 0;
}
