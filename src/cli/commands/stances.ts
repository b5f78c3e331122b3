import { parseArgs } from "node:util";
import {
  type AttributionCheck,
  buildQuoteIndex,
  checkQuote,
  checkQuoteNow,
  type QuoteIndex,
} from "../../attribution/index.js";
import { formatTimecode, parseTimecode } from "../../core/index.js";
import { quoteTranslationSource } from "../../library/quote-checks.js";
import {
  resolveStanceSpeaker,
  resolveStanceTopic,
  stanceCellProblem,
  stanceColumns,
} from "../../library/stance-table.js";
import { STANCE_LIMITS } from "../../server/contract/index.js";
import {
  addStanceTopic,
  deleteStanceTopic,
  type EpisodeSummary,
  getClashes,
  getSegments,
  listStances,
  type StanceCell,
  type StanceTopic,
  type Store,
  saveStanceCell,
  stanceTopicsByClash,
  updateStanceTopic,
} from "../../store/index.js";
import { segmentAtTime } from "../../store/insights.js";
import type { TutorLanguage } from "../../tutor/lesson.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { CommandError, UsageError } from "../usage-error.js";
import { attributionJson } from "./attribute.js";
import { stancesSay } from "./stances-messages.js";
import { tutorLanguage } from "./tutor.js";

export const CLASHES_USAGE =
  "deeplisten clashes <episode> [--lang en|zh] [--json]   the moments where the speakers disagree: the pass-2 playlist";

export const STANCES_USAGE = `deeplisten stances <episode> [--lang en|zh] [--json]   your pass-2 table of the speakers' positions, every quote checked
  deeplisten stances <episode> (--add "<topic>" | --clash N)   a new row (--clash: from clash N of \`deeplisten clashes\`)
  deeplisten stances <episode> --topic <id|title> --speaker NAME [--position "<in your words>"] [--quote "<their words>"] [--at hh:mm:ss]
  deeplisten stances <episode> --topic <id|title> (--synthesis "<your own view>" | --rename "<title>" | --delete)`;

/** The limits the web page has too: a table is notes, not a book. */
const LIMITS = STANCE_LIMITS;

/**
 * `deeplisten clashes`: the clash moments of an episode, numbered as `stances --clash N` takes
 * them, with the row of the stance table each one already started.
 */
export function clashesCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: "string" } },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${CLASHES_USAGE}`);
  const lang = tutorLanguage(values.lang);
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const rows = stanceTopicsByClash(store, episode.id);
  const clashes = getClashes(store, episode.id).map((clash, idx) => ({
    number: idx + 1,
    startMs: clash.startMs,
    endMs: clash.endMs,
    speakers: clash.speakers,
    topic: clash.topic,
    quote: clash.quote,
    topicId: rows.get(idx) ?? null,
  }));
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ episodeId: episode.id, clashes }));
    return 0;
  }
  if (clashes.length === 0) {
    ctx.stdout(stancesSay(lang, "noClashes", { title: episode.title, id: episode.id }));
    return 0;
  }
  ctx.stdout(stancesSay(lang, "clashesHeader", { n: clashes.length, title: episode.title }));
  for (const c of clashes) {
    const row = c.topicId === null ? "" : `  ${stancesSay(lang, "inTable", { id: c.topicId })}`;
    const who = c.speakers.join(c.speakers.length === 2 ? stancesSay(lang, "vs") : ", ");
    ctx.stdout(`\n${c.number}. ${formatTimecode(c.startMs)}-${formatTimecode(c.endMs)}  ${c.topic}  (${who})${row}`);
    ctx.stdout(`   “${c.quote}”`);
  }
  ctx.stdout(`\n${stancesSay(lang, "clashesHint", { id: episode.id })}`);
  return 0;
}

/**
 * `deeplisten stances`: the pass-2 stance table (topic x speaker) in the terminal. Each cell holds
 * the speaker's position in the learner's words, a quote and its moment; a quote is located in the
 * transcript, its moment filled in when none is given, and flagged when another speaker said it.
 */
export async function stancesCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      add: { type: "string" },
      clash: { type: "string" },
      topic: { type: "string" },
      speaker: { type: "string" },
      position: { type: "string" },
      quote: { type: "string" },
      at: { type: "string" },
      synthesis: { type: "string" },
      rename: { type: "string" },
      delete: { type: "boolean", default: false },
      lang: { type: "string" },
    },
  });
  const lang = tutorLanguage(values.lang);
  if (positionals.length !== 1) throw new UsageError(`usage: ${STANCES_USAGE}`);
  const adding = values.add !== undefined || values.clash !== undefined;
  const cellChange = [values.position, values.quote, values.at].some((v) => v !== undefined);
  const topicChange = [values.synthesis, values.rename].filter((v) => v !== undefined).length + (values.delete ? 1 : 0);
  if (adding && (values.topic !== undefined || values.speaker !== undefined || cellChange || topicChange > 0)) {
    throw new UsageError(`--add and --clash make a new row and take nothing else; usage: ${STANCES_USAGE}`);
  }
  if (values.topic === undefined && (values.speaker !== undefined || cellChange || topicChange > 0)) {
    throw new UsageError("say which row with --topic <id|title> (`deeplisten stances <episode>` lists them)");
  }
  if (values.topic !== undefined && topicChange === 0 && values.speaker === undefined) {
    throw new UsageError(
      "--topic needs what to change: --speaker NAME with --position/--quote/--at, or --synthesis, --rename or --delete",
    );
  }
  if (topicChange > 1 || (topicChange === 1 && (values.speaker !== undefined || cellChange))) {
    throw new UsageError("change one thing at a time: a cell (--speaker ...), --synthesis, --rename or --delete");
  }
  if (values.speaker !== undefined && !cellChange) {
    throw new UsageError("--speaker needs what to write: --position, --quote or --at");
  }

  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  if (adding) return addRow(ctx, lang, store, episode, values.add, values.clash);
  if (values.topic === undefined) return printTable(ctx, lang, store, episode);

  const topics = listStances(store, episode.id);
  const found = resolveStanceTopic(topics, values.topic);
  if (!found.ok) throw new CommandError(`${found.error}; \`deeplisten stances ${episode.id}\` lists the rows`);
  const topic = found.topic;

  if (values.delete) {
    deleteStanceTopic(store, episode.id, topic.id);
    if (ctx.json) ctx.stdout(JSON.stringify({ deleted: topic.id }));
    else ctx.stdout(stancesSay(lang, "deleted", { id: topic.id, title: topic.title, n: filledCells(topic) }));
    return 0;
  }
  if (values.rename !== undefined || values.synthesis !== undefined) {
    const title = values.rename?.trim();
    if (title !== undefined && !title) throw new UsageError("--rename needs the new title");
    if (title !== undefined) checkLength("--rename", title, LIMITS.title);
    if (values.synthesis !== undefined) checkLength("--synthesis", values.synthesis, LIMITS.synthesis);
    updateStanceTopic(store, episode.id, topic.id, { title, synthesis: values.synthesis });
    return printTopic(ctx, lang, store, episode, topic.id);
  }
  return writeCell(ctx, lang, store, episode, topic, values.speaker as string, values);
}

function addRow(
  ctx: CliContext,
  lang: TutorLanguage,
  store: Store,
  episode: EpisodeSummary,
  title: string | undefined,
  clashNumber: string | undefined,
): number {
  let clashIdx: number | null = null;
  let fromClash = "";
  if (clashNumber !== undefined) {
    const clashes = getClashes(store, episode.id);
    const n = Number(clashNumber);
    if (!Number.isInteger(n) || n < 1 || n > clashes.length) {
      throw new CommandError(
        clashes.length === 0
          ? `"${episode.title}" has no clash moments to start from; add a row with --add "<topic>"`
          : `--clash takes a number from 1 to ${clashes.length} (\`deeplisten clashes ${episode.id}\`), not "${clashNumber}"`,
      );
    }
    clashIdx = n - 1;
    fromClash = (clashes[clashIdx] as (typeof clashes)[number]).topic;
  }
  const name = (title ?? fromClash).trim();
  if (!name) throw new UsageError('--add needs the topic, e.g. --add "Do scaling laws still hold?"');
  checkLength("the topic", name, LIMITS.title);
  const topic = addStanceTopic(store, episode.id, { title: name, clashIdx });
  if (ctx.json) return printTopic(ctx, lang, store, episode, topic.id);
  ctx.stdout(stancesSay(lang, "added", { id: topic.id, title: topic.title }));
  ctx.stdout(
    `  deeplisten stances ${episode.id} --topic ${topic.id} --speaker NAME --position "<in your words>" --quote "<their words>"`,
  );
  return 0;
}

async function writeCell(
  ctx: CliContext,
  lang: TutorLanguage,
  store: Store,
  episode: EpisodeSummary,
  topic: StanceTopic,
  typedSpeaker: string,
  values: { position?: string; quote?: string; at?: string },
): Promise<number> {
  const speaker = resolveStanceSpeaker(stanceColumns(store, episode.id, [topic]), typedSpeaker);
  if (!speaker.ok) throw new CommandError(speaker.error);
  const old = topic.cells.find((c) => c.speaker === speaker.name);
  const cell = {
    speaker: speaker.name,
    position: values.position ?? old?.position ?? "",
    quote: values.quote ?? old?.quote ?? "",
    startMs: old?.startMs ?? null,
    segmentId: old?.segmentId ?? null,
  };
  checkLength("--position", cell.position, LIMITS.position);
  checkLength("--quote", cell.quote, LIMITS.quote);
  if (values.at !== undefined) {
    if (values.at.trim() === "") {
      cell.startMs = null;
      cell.segmentId = null;
    } else {
      const ms = parseTimecode(values.at);
      if (ms === null) throw new UsageError(`--at takes a time like 1:08:18, not "${values.at}"`);
      if (ms > episode.durationMs) {
        throw new CommandError(
          `--at ${values.at} is after the end of "${episode.title}" (${formatTimecode(episode.durationMs)})`,
        );
      }
      cell.startMs = ms;
      cell.segmentId = segmentAtTime(store, episode.id, ms)?.id ?? null;
    }
  }
  const index = lazyIndex(store, episode.id);
  let check: AttributionCheck | null = null;
  if (cell.quote.trim()) {
    check = await checkQuote(index(), cell.quote, cell.speaker, quoteTranslationSource(store, ctx.home));
    // A new quote found in the transcript brings its moment, unless the learner gave one.
    if (values.quote !== undefined && values.at === undefined && check.found && check.startMs !== null) {
      cell.startMs = check.startMs;
      cell.segmentId = check.segmentId;
    }
  }
  const problem = stanceCellProblem(store, episode.id, topic, cell);
  if (problem) throw new CommandError(problem);
  saveStanceCell(store, episode.id, topic.id, cell);
  const saved = listStances(store, episode.id)
    .find((t) => t.id === topic.id)
    ?.cells.find((c) => c.speaker === cell.speaker) as StanceCell;
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ topicId: topic.id, cell: { ...saved, check: check && attributionJson(check) } }));
    return 0;
  }
  ctx.stdout(stancesSay(lang, "saved", { speaker: saved.speaker, title: topic.title }));
  for (const line of cellLines(lang, saved, check)) ctx.stdout(line);
  return 0;
}

/** The whole table: one block per topic, its cells by speaker, its synthesis. */
function printTable(ctx: CliContext, lang: TutorLanguage, store: Store, episode: EpisodeSummary): number {
  const topics = listStances(store, episode.id);
  const columns = stanceColumns(store, episode.id, topics);
  const index = lazyIndex(store, episode.id);
  const checks = topics.map((t) => t.cells.map((c) => (c.quote.trim() ? checkNow(ctx, store, index(), c) : null)));
  if (ctx.json) {
    ctx.stdout(
      JSON.stringify({
        episodeId: episode.id,
        speakers: columns,
        topics: topics.map((t, i) => topicJson(t, checks[i] ?? [])),
      }),
    );
    return 0;
  }
  if (topics.length === 0) {
    ctx.stdout(stancesSay(lang, "empty", { title: episode.title, id: episode.id }));
    return 0;
  }
  ctx.stdout(
    stancesSay(lang, "tableHeader", { title: episode.title, topics: topics.length, speakers: columns.length }),
  );
  topics.forEach((topic, i) => {
    ctx.stdout("");
    for (const line of topicLines(lang, topic, columns, checks[i] ?? [])) ctx.stdout(line);
  });
  return 0;
}

function printTopic(
  ctx: CliContext,
  lang: TutorLanguage,
  store: Store,
  episode: EpisodeSummary,
  topicId: number,
): number {
  const topics = listStances(store, episode.id);
  const topic = topics.find((t) => t.id === topicId) as StanceTopic;
  const index = lazyIndex(store, episode.id);
  const checks = topic.cells.map((c) => (c.quote.trim() ? checkNow(ctx, store, index(), c) : null));
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ topic: topicJson(topic, checks) }));
    return 0;
  }
  for (const line of topicLines(lang, topic, stanceColumns(store, episode.id, topics), checks)) ctx.stdout(line);
  return 0;
}

function topicLines(
  lang: TutorLanguage,
  topic: StanceTopic,
  columns: readonly { name: string; former: boolean }[],
  checks: readonly (AttributionCheck | null)[],
): string[] {
  const from = topic.clashIdx === null ? "" : `  ${stancesSay(lang, "fromClash", { n: topic.clashIdx + 1 })}`;
  const lines = [`[${topic.id}] ${topic.title}${from}`];
  for (const column of columns) {
    const at = topic.cells.findIndex((c) => c.speaker === column.name);
    const cell = topic.cells[at];
    const former = column.former ? stancesSay(lang, "formerName") : "";
    if (!cell || (!cell.position.trim() && !cell.quote.trim() && cell.startMs === null)) {
      lines.push(`  ${column.name}${former}: —`);
      continue;
    }
    lines.push(`  ${column.name}${former}:`);
    for (const line of cellLines(lang, cell, checks[at] ?? null)) lines.push(`  ${line}`);
  }
  if (topic.synthesis.trim()) lines.push(`  ${stancesSay(lang, "synthesis", { text: topic.synthesis.trim() })}`);
  return lines;
}

/** A cell as lines: the position, the quote with its moment and what the transcript says about it. */
function cellLines(lang: TutorLanguage, cell: StanceCell, check: AttributionCheck | null): string[] {
  const lines: string[] = [];
  if (cell.position.trim()) lines.push(`  ${cell.position.trim()}`);
  const at = cell.startMs === null ? "" : ` [${formatTimecode(cell.startMs)}]`;
  if (cell.quote.trim()) lines.push(`  “${cell.quote.trim()}”${at}  ${checkWords(lang, check, cell)}`);
  else if (cell.startMs !== null) lines.push(`  ${stancesSay(lang, "moment", { time: formatTimecode(cell.startMs) })}`);
  return lines;
}

/** What the transcript says about a cell's quote; where it is said, when that is not the cell's moment. */
function checkWords(lang: TutorLanguage, check: AttributionCheck | null, cell: StanceCell): string {
  if (!check) return "";
  if (check.unchecked)
    return stancesSay(lang, "notChecked", { reason: check.problem ?? stancesSay(lang, "needsModel") });
  const credited = cell.speaker;
  const where =
    check.startMs === null || check.startMs === cell.startMs
      ? ""
      : stancesSay(lang, "at", { time: formatTimecode(check.startMs) });
  if (check.verdict === "ok") return stancesSay(lang, "ok", { speaker: credited, where });
  if (check.verdict === "wrong-speaker") {
    const actual = check.correctSpeaker ?? check.speaker ?? stancesSay(lang, "anotherSpeaker");
    return stancesSay(lang, "wrongSpeaker", { actual, where, credited });
  }
  return stancesSay(lang, "notFound");
}

function topicJson(topic: StanceTopic, checks: readonly (AttributionCheck | null)[]) {
  return {
    id: topic.id,
    title: topic.title,
    clashNumber: topic.clashIdx === null ? null : topic.clashIdx + 1,
    synthesis: topic.synthesis,
    cells: topic.cells.map((cell, i) => {
      const check = checks[i] ?? null;
      return { ...cell, check: check && attributionJson(check) };
    }),
  };
}

/** The check with what is known now (cached translations only): listing never waits for a model. */
function checkNow(ctx: CliContext, store: Store, index: QuoteIndex, cell: StanceCell): AttributionCheck {
  return checkQuoteNow(index, cell.quote, cell.speaker, quoteTranslationSource(store, ctx.home));
}

function lazyIndex(store: Store, episodeId: string): () => QuoteIndex {
  let index: QuoteIndex | null = null;
  return () => {
    index ??= buildQuoteIndex(getSegments(store, episodeId));
    return index;
  };
}

function filledCells(topic: StanceTopic): number {
  return topic.cells.filter((c) => c.position.trim() || c.quote.trim() || c.startMs !== null).length;
}

function checkLength(what: string, text: string, max: number): void {
  if (text.length > max) throw new UsageError(`${what} is ${text.length} characters; at most ${max}`);
}
