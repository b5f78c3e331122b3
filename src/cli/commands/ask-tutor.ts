import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import { loadThread, runTutorTurn, TutorRequestError } from "../../library/tutor-chat/index.js";
import { readModelChoice } from "../../llm/index.js";
import { findConcept } from "../../store/index.js";
import { threadToMarkdown } from "../../tutor/chat/index.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { CommandError, UsageError } from "../usage-error.js";
import { tutorLanguage } from "./tutor.js";

export const ASK_USAGE = `deeplisten ask <episode> <concept> "<question>" [--lang en|zh] [--export thread.md] [--json]
                                        one tutor turn (the configured model, else offline), kept in the concept's thread;
                                        without a question, --export writes the thread as Markdown`;

/**
 * `deeplisten ask`: one turn of the tutor, non-interactively. Streams the answer (or prints the
 * JSON contract with --json), saves the turn in the concept's thread, and can export the thread.
 */
export async function askCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { lang: { type: "string" }, export: { type: "string" } },
  });
  if (positionals.length < 2 || positionals.length > 3 || (positionals.length === 2 && !values.export)) {
    throw new UsageError(`usage: ${ASK_USAGE.split("\n")[0]}`);
  }
  const [episodeQuery, conceptName, question] = positionals as [string, string, string | undefined];
  if (question !== undefined && !question.trim()) throw new UsageError("the question is empty");
  const language = tutorLanguage(values.lang);
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, episodeQuery);
  const concept = findConcept(store, conceptName, episode.id);
  if (!concept) {
    throw new CommandError(
      `"${conceptName}" is not a concept of this library yet: mark it first (deeplisten mark ${episode.id} --term "${conceptName}") or run deeplisten analyze ${episode.id}`,
    );
  }

  if (question !== undefined) {
    const choice = readModelChoice(process.env, ctx.home);
    if (choice.problem) ctx.stderr(`deeplisten ask: ${choice.problem} (answering offline)`);
    const streaming = !ctx.json;
    let result: Awaited<ReturnType<typeof runTutorTurn>>;
    try {
      result = await runTutorTurn({
        store,
        home: ctx.home,
        episodeId: episode.id,
        conceptId: concept.id,
        question,
        language,
        config: choice.config,
        ...(choice.problem ? { configProblem: choice.problem } : {}),
        ...(streaming ? { onDelta: (text: string) => process.stdout.write(text) } : {}),
      });
    } catch (error) {
      if (error instanceof TutorRequestError) throw new CommandError(error.message);
      throw error;
    }
    if (ctx.json) {
      const { answer, citations, provider, model, inputTokens, outputTokens, cached } = result;
      ctx.stdout(JSON.stringify({ answer, citations, provider, model, inputTokens, outputTokens, cached }));
    } else {
      process.stdout.write("\n");
      if (result.citations.length > 0) {
        ctx.stdout(
          `\n${language === "zh" ? "引用" : "Moments"}: ${result.citations.map((c) => `[${formatTimecode(c.startMs)}]`).join(" ")}`,
        );
      }
      const who = result.provider === "offline" ? "offline" : `${result.provider} · ${result.model}`;
      const cost = result.cached ? "cached, no tokens" : `${result.inputTokens} in / ${result.outputTokens} out tokens`;
      ctx.stderr(`(${who}; ${cost})`);
    }
  }

  if (values.export) {
    const file = resolve(values.export);
    const markdown = threadToMarkdown({
      conceptName: concept.name,
      episodeTitle: episode.title,
      messages: loadThread(store, concept.id, episode.id),
      language,
      exportedAt: store.now(),
    });
    try {
      writeFileSync(file, markdown);
    } catch (error) {
      throw new CommandError(`cannot write ${file}: ${(error as Error).message}`);
    }
    // With --json stdout holds exactly one document; the export is reported on stderr.
    if (ctx.json && question === undefined) ctx.stdout(JSON.stringify({ exported: file, concept: concept.name }));
    else ctx.stderr(`thread exported to ${file}`);
  }
  return 0;
}
