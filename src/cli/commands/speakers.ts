import { parseArgs } from "node:util";
import { type LabelSuggestion, resolveSpeakerName, suggestSpeakerLabels } from "../../attribution/index.js";
import { formatTimecode, parseTimecode } from "../../core/index.js";
import { getSegments, isEpisodeAnalysed, type Store, type StoredSegment } from "../../store/index.js";
import {
  listSpeakers,
  type RelabelSelection,
  relabelSegments,
  renameSpeaker,
  type SpeakerChange,
  SpeakerChangeError,
  type SpeakerSummary,
  undoLastSpeakerChange,
} from "../../store/speakers.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { runAnalysis } from "../run-analysis.js";
import { CommandError, UsageError } from "../usage-error.js";

export const SPEAKERS_USAGE = `deeplisten speakers <episode> [--json]                       the speakers, with paragraph counts
  deeplisten speakers <episode> --rename "Old=New"             rename everywhere (onto an existing name: merge)
  deeplisten speakers <episode> --relabel <paragraph id|hh:mm:ss> --to NAME [--scope paragraph|turn|until-change]
  deeplisten speakers <episode> --undo                         undo the last correction
  deeplisten speakers <episode> --suggest                      labels that look wrong, with the likely speaker`;

const SCOPES = ["paragraph", "turn", "until-change"] as const;
type Scope = (typeof SCOPES)[number];

/**
 * `deeplisten speakers`: lists an episode's speakers, and corrects them: rename or merge, relabel
 * a paragraph / a turn / everything up to the next speaker change, undo, and suggestions of
 * labels that look wrong. One action per call. An analysed episode is analysed again after a
 * correction, so its clash moments name the right speakers (as the web app does in the background);
 * the learner's stance cells and accepted quotes follow a rename or merge in the store itself.
 */
export async function speakersCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      rename: { type: "string" },
      relabel: { type: "string" },
      to: { type: "string" },
      scope: { type: "string" },
      undo: { type: "boolean" },
      suggest: { type: "boolean" },
    },
  });
  const actions = [values.rename !== undefined, values.relabel !== undefined, values.undo, values.suggest].filter(
    Boolean,
  ).length;
  if (positionals.length !== 1 || actions > 1) throw new UsageError(`usage: ${SPEAKERS_USAGE}`);
  if ((values.to !== undefined || values.scope !== undefined) && values.relabel === undefined) {
    throw new UsageError("--to and --scope go with --relabel");
  }
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);

  if (values.suggest) return printSuggestions(ctx, store, episode.id, positionals[0] as string);
  let change: SpeakerChange | null = null;
  try {
    if (values.rename !== undefined) change = rename(store, episode.id, values.rename);
    else if (values.relabel !== undefined) change = relabel(store, episode.id, values.relabel, values.to, values.scope);
    else if (values.undo) change = undoLastSpeakerChange(store, episode.id);
    else return printSpeakers(ctx, listSpeakers(store, episode.id));
  } catch (error) {
    if (error instanceof SpeakerChangeError) throw new CommandError(error.message);
    throw error;
  }
  if (change !== null && isEpisodeAnalysed(store, episode.id)) {
    const job = await runAnalysis(ctx, episode.id);
    if (job.state !== "done") ctx.stderr(`the analysis after the correction did not finish: ${job.error ?? job.state}`);
  }
  const speakers = listSpeakers(store, episode.id);
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ change, speakers: speakers.map(speakerJson) }));
    return 0;
  }
  if (change === null) ctx.stdout(values.undo ? "Nothing to undo." : "Nothing changed.");
  else ctx.stdout(`${values.undo ? "Undone" : "Done"}: ${change.summary}`);
  return printSpeakers(ctx, speakers);
}

function rename(store: Store, episodeId: string, spec: string): SpeakerChange | null {
  const at = spec.indexOf("=");
  const from = spec.slice(0, at).trim();
  const to = spec.slice(at + 1).trim();
  if (at < 0 || !from || !to)
    throw new UsageError('--rename takes "Old=New", e.g. --rename "Speaker 1=Nathan Lambert"');
  const source = knownSpeaker(store, episodeId, from);
  // "Speaker 2=Nathan" when the episode has a Nathan Lambert means him: merge. Only the OTHER
  // speakers are looked at, so "Lex=Lex Fridman" stays a rename.
  const others = listSpeakers(store, episodeId)
    .map((s) => s.name)
    .filter((n) => n !== source);
  return renameSpeaker(store, episodeId, source, resolveSpeakerName(others, to) ?? to);
}

function relabel(
  store: Store,
  episodeId: string,
  target: string,
  to: string | undefined,
  scopeText: string | undefined,
): SpeakerChange | null {
  if (!to?.trim()) throw new UsageError("--relabel needs --to NAME, the speaker to give the paragraphs to");
  const scope = (scopeText ?? "paragraph") as Scope;
  if (!SCOPES.includes(scope)) throw new UsageError(`--scope takes ${SCOPES.join(", ")}`);
  const segment = findParagraph(getSegments(store, episodeId), target);
  // "--to Sebastian" means the episode's Sebastian Raschka; a name nobody has yet is a new speaker.
  const names = listSpeakers(store, episodeId).map((s) => s.name);
  const speaker = resolveSpeakerName(names, to.trim()) ?? to.trim();
  const selection: RelabelSelection =
    scope === "paragraph"
      ? { segmentIds: [segment.id] }
      : { fromSegmentId: segment.id, scope: scope === "turn" ? "turn" : "until-next-change" };
  return relabelSegments(store, episodeId, selection, speaker);
}

/** A paragraph by its id (as `show --json` prints it) or by a moment in it (01:08:18). */
function findParagraph(segments: StoredSegment[], target: string): StoredSegment {
  if (/^\d+$/.test(target)) {
    const byId = segments.find((s) => s.id === Number(target));
    if (!byId)
      throw new CommandError(`paragraph ${target} is not in this episode; \`deeplisten show --json\` lists ids`);
    return byId;
  }
  const ms = parseTimecode(target);
  if (ms === null) throw new UsageError(`--relabel takes a paragraph id or a time like 01:08:18, not "${target}"`);
  const at = [...segments].reverse().find((s) => s.startMs <= ms) ?? segments[0];
  if (!at) throw new CommandError("this episode has no paragraphs");
  return at;
}

function knownSpeaker(store: Store, episodeId: string, name: string): string {
  const names = listSpeakers(store, episodeId).map((s) => s.name);
  const found = resolveSpeakerName(names, name);
  if (!found) throw new CommandError(`no speaker "${name}" in this episode (speakers: ${names.join(", ") || "none"})`);
  return found;
}

function printSpeakers(ctx: CliContext, speakers: SpeakerSummary[]): number {
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ speakers: speakers.map(speakerJson) }));
    return 0;
  }
  if (speakers.length === 0) ctx.stdout("No speaker names in this episode.");
  for (const s of speakers) {
    const role = s.role === "speaker" ? "" : `  (${s.role})`;
    ctx.stdout(`  ${s.name}${role}  ${s.paragraphs} paragraph${s.paragraphs === 1 ? "" : "s"}`);
  }
  return 0;
}

function speakerJson(s: SpeakerSummary) {
  return { name: s.name, role: s.role, anonymous: s.anonymous, paragraphs: s.paragraphs };
}

function printSuggestions(ctx: CliContext, store: Store, episodeId: string, episodeArg: string): number {
  const host = listSpeakers(store, episodeId).find((s) => s.role === "host")?.name ?? null;
  const suggestions = suggestSpeakerLabels({ segments: getSegments(store, episodeId), host });
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ suggestions }));
    return 0;
  }
  if (suggestions.length === 0) {
    ctx.stdout("No suspicious labels found.");
    return 0;
  }
  ctx.stdout(`${suggestions.length} label${suggestions.length === 1 ? "" : "s"} to review:`);
  for (const s of suggestions) ctx.stdout(suggestionLine(s));
  const first = suggestions[0] as LabelSuggestion;
  ctx.stdout(
    `\nTo accept one: deeplisten speakers ${quoteArg(episodeArg)} --relabel ${first.segmentId} --to ${quoteArg(first.suggested)}`,
  );
  return 0;
}

function suggestionLine(s: LabelSuggestion): string {
  const sure = `${Math.round(s.confidence * 100)}%`;
  return `  ${formatTimecode(s.startMs)}  paragraph ${s.segmentId}  ${s.labelled} -> ${s.suggested}  (${sure}) ${s.reasons.join("; ")}`;
}

function quoteArg(text: string): string {
  return /^[\w.:-]+$/.test(text) ? text : `"${text.replace(/"/g, '\\"')}"`;
}
