import { parseArgs } from "node:util";
import { readEnv, resolveHome } from "../config/env.js";
import { ImportError } from "../core/index.js";
import { explainStorageError } from "../store/storage-errors.js";
import { analyzeCommand, conceptsCommand } from "./commands/analyze.js";
import { ASK_USAGE, askCommand } from "./commands/ask-tutor.js";
import { ASR_USAGE, asrCommand } from "./commands/asr.js";
import { ATTACH_AUDIO_USAGE, attachAudioCommand } from "./commands/attach-audio.js";
import { ATTRIBUTE_USAGE, attributeCommand } from "./commands/attribute.js";
import { BACKUP_USAGE, backupCommand, RESTORE_USAGE, restoreCommand } from "./commands/backup.js";
import { ENRICH_USAGE, enrichCommand } from "./commands/enrich.js";
import { EXPORT_USAGE, exportCommand } from "./commands/export.js";
import { feedCommand } from "./commands/feed.js";
import { GRADE_USAGE, gradeCommand } from "./commands/grade.js";
import { IMPORT_USAGE, importCommand } from "./commands/import.js";
import { INSIGHT_USAGE, insightCommand } from "./commands/insight.js";
import { listCommand } from "./commands/list.js";
import { LLM_USAGE, llmCommand } from "./commands/llm.js";
import { MARK_USAGE, markCommand, marksCommand } from "./commands/mark.js";
import { PACK_USAGE, packCommand } from "./commands/pack.js";
import { PASS_USAGE, passCommand } from "./commands/pass.js";
import { PROGRESS_USAGE, progressCommand } from "./commands/progress.js";
import { RESTORE_EPISODE_USAGE, restoreEpisodeCommand } from "./commands/restore-episode.js";
import { REVIEW_USAGE, reviewCommand } from "./commands/review.js";
import { serveCommand } from "./commands/serve.js";
import { showCommand } from "./commands/show.js";
import { SPEAKERS_USAGE, speakersCommand } from "./commands/speakers.js";
import { CLASHES_USAGE, clashesCommand, STANCES_USAGE, stancesCommand } from "./commands/stances.js";
import { TUTOR_USAGE, tutorCommand } from "./commands/tutor.js";
import { type CliContext, createContext } from "./context.js";
import { CommandError, UsageError } from "./usage-error.js";

export const USAGE = `deeplisten: turn a long conversation into understanding you can prove

Usage:
  deeplisten start                      import the bundled sample on first run, then serve the web app
  deeplisten serve [--port 4747] [--host 127.0.0.1]
  ${IMPORT_USAGE}
  ${ATTACH_AUDIO_USAGE}
  deeplisten list [--json]
  deeplisten show <id> [--json]
  deeplisten analyze <episode> [--json]   concepts, chapters, clash moments and a mind-map draft (offline)
  deeplisten concepts <episode> [--json]  the episode's concepts, ranked
  ${PASS_USAGE}
  ${MARK_USAGE}
  deeplisten marks <episode> [--json]
  ${TUTOR_USAGE}
  ${ASK_USAGE}
  ${GRADE_USAGE}
  ${ENRICH_USAGE}
  ${REVIEW_USAGE}
  ${PROGRESS_USAGE}
  ${CLASHES_USAGE}
  ${STANCES_USAGE}
  ${INSIGHT_USAGE}
  ${ATTRIBUTE_USAGE}
  ${EXPORT_USAGE}
  ${BACKUP_USAGE}
  ${RESTORE_USAGE}
  ${RESTORE_EPISODE_USAGE}
  ${LLM_USAGE}
  ${ASR_USAGE}
  ${SPEAKERS_USAGE}
  deeplisten feed <file|URL> [--json]   list a podcast feed's episodes and their transcripts
  ${PACK_USAGE}

Global options:
  --home DIR   the library folder (default: $DEEPLISTEN_HOME, else your user data folder)
  --json       print exactly one JSON document on stdout; messages go to stderr
  --help       this text`;

type Command = (ctx: CliContext, args: string[]) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  import: importCommand,
  "attach-audio": attachAudioCommand,
  list: listCommand,
  show: showCommand,
  feed: feedCommand,
  analyze: analyzeCommand,
  concepts: conceptsCommand,
  pass: passCommand,
  mark: markCommand,
  marks: marksCommand,
  tutor: tutorCommand,
  ask: askCommand,
  grade: gradeCommand,
  enrich: enrichCommand,
  review: reviewCommand,
  progress: progressCommand,
  clashes: clashesCommand,
  stances: stancesCommand,
  insight: insightCommand,
  attribute: attributeCommand,
  export: exportCommand,
  backup: backupCommand,
  restore: restoreCommand,
  "restore-episode": restoreEpisodeCommand,
  llm: llmCommand,
  asr: asrCommand,
  speakers: speakersCommand,
  pack: packCommand,
  serve: (ctx, args) => serveCommand(ctx, args, { offerSample: false }),
  start: (ctx, args) => serveCommand(ctx, args, { offerSample: true }),
};

/**
 * Runs the command line and returns the exit code: 0 success, 1 a failed operation (one line on
 * stderr saying what and where), 2 bad usage.
 */
export async function runCli(argv: string[]): Promise<number> {
  let global: { home?: string; json: boolean; help: boolean; rest: string[] };
  try {
    global = splitGlobalOptions(argv);
  } catch (error) {
    process.stderr.write(`deeplisten: ${(error as Error).message}\n`);
    return 2;
  }
  const [name, ...args] = global.rest;
  if (global.help || !name || name === "help") {
    process.stdout.write(`${USAGE}\n`);
    return name || global.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`deeplisten: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const ctx = createContext({ home: global.home, json: global.json });
    return await command(ctx, args);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`deeplisten ${name}: ${(error as Error).message}\n`);
      return 2;
    }
    if (error instanceof ImportError || error instanceof CommandError) {
      process.stderr.write(`deeplisten ${name}: ${error.message}\n`);
      return 1;
    }
    const storage = explainStorageError(error, safeHome(global.home));
    process.stderr.write(`deeplisten ${name}: ${storage ?? (error as Error).message ?? String(error)}\n`);
    if (process.env.DEEPLISTEN_DEBUG) console.error(error);
    return 1;
  }
}

/** The library folder for error messages; never throws. */
function safeHome(flag: string | undefined): string {
  try {
    return resolveHome(flag, readEnv());
  } catch {
    return flag ?? "the library folder";
  }
}

/** `--home` and `--json` may appear anywhere; everything else belongs to the command. */
function splitGlobalOptions(argv: string[]) {
  const { values, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: false,
    tokens: true,
    options: { home: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } },
  });
  const rest: string[] = [];
  const consumed = new Set<number>();
  for (const token of tokens ?? []) {
    if (
      token.kind === "option" &&
      (token.name === "home" || token.name === "json" || token.name === "help" || token.name === "h")
    ) {
      consumed.add(token.index);
      if (token.name === "home" && token.inlineValue === false) consumed.add(token.index + 1);
    }
  }
  argv.forEach((arg, i) => {
    if (!consumed.has(i)) rest.push(arg);
  });
  if (values.home === true || (values.home !== undefined && typeof values.home !== "string")) {
    throw new UsageError("--home needs a folder");
  }
  return { home: values.home as string | undefined, json: values.json === true, help: values.help === true, rest };
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? "";
  return code.startsWith("ERR_PARSE_ARGS");
}
