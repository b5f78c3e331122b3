import { parseArgs } from "node:util";
import { findPackEntry } from "../../knowledge/index.js";
import { transcriptDefinitions } from "../../library/explain-back.js";
import { libraryPacks } from "../../library/index.js";
import { readModelChoice } from "../../llm/index.js";
import { findConcept, sqliteLlmCache } from "../../store/index.js";
import { gradeExplanation } from "../../tutor/grader/index.js";
import { gradeWithModelOrOffline } from "../../tutor/model-grader/index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../usage-error.js";
import { parseLanguage } from "./import.js";

export const GRADE_USAGE =
  "deeplisten grade --concept <name or id> --text <explanation> [--lang en|zh] [--llm] [--json]";

/**
 * `deeplisten grade`: checks one explanation against the concept's pack rubric (or, without a pack
 * entry, the definitions the library's episodes give). Prints the verdict; records nothing — the
 * tutor is where attempts count.
 */
export async function gradeCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      concept: { type: "string" },
      text: { type: "string" },
      lang: { type: "string" },
      llm: { type: "boolean" },
    },
  });
  if (positionals.length || !values.concept || values.text === undefined) throw new UsageError(`usage: ${GRADE_USAGE}`);
  const language = parseLanguage(values.lang);
  const entry = findPackEntry(libraryPacks(ctx.home), values.concept);
  const definitions = entry ? [] : libraryDefinitions(ctx, values.concept);
  const input = { entry, conceptName: values.concept, text: values.text, language, transcriptDefinitions: definitions };
  if (values.llm) return gradeWithModel(ctx, input);
  const verdict = gradeExplanation(input);
  if (ctx.json) {
    const { language: _, ...contract } = verdict;
    ctx.stdout(JSON.stringify(contract));
  } else {
    ctx.stdout(`${verdict.verdict}: ${verdict.feedback}`);
  }
  return 0;
}

/** The best definitions the library's episodes give of a concept no pack covers. */
function libraryDefinitions(ctx: CliContext, name: string): string[] {
  const store = ctx.openLibrary();
  const concept = findConcept(store, name);
  return concept ? transcriptDefinitions(store, concept) : [];
}

/** `--llm`: the configured model grades (same verdict schema); the offline grader answers when it cannot, and says why. */
async function gradeWithModel(ctx: CliContext, input: Parameters<typeof gradeExplanation>[0]): Promise<number> {
  const choice = readModelChoice(process.env, ctx.home);
  const verdict = await gradeWithModelOrOffline(input, {
    config: choice.config,
    ...(choice.problem ? { configProblem: choice.problem } : {}),
    cache: sqliteLlmCache(ctx.openLibrary()),
  });
  if (!choice.config && !choice.problem) {
    ctx.stderr("deeplisten grade: no model is configured (deeplisten llm set, or DEEPLISTEN_LLM_*): graded offline");
  } else if (verdict.graderNote) ctx.stderr(`deeplisten grade: ${verdict.graderNote}`);
  const { language: _, ...contract } = verdict;
  if (ctx.json) ctx.stdout(JSON.stringify(contract));
  else ctx.stdout(`${verdict.verdict}: ${verdict.feedback}\n(${verdict.grader}${verdict.cached ? ", cached" : ""})`);
  return 0;
}
