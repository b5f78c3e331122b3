import { parseArgs } from "node:util";
import { findPackEntry } from "../../knowledge/index.js";
import { libraryPacks } from "../../library/index.js";
import { episodesOfConcept, findConcept, getEpisodeConcept } from "../../store/index.js";
import { gradeExplanation } from "../../tutor/grader/index.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../usage-error.js";
import { parseLanguage } from "./import.js";

export const GRADE_USAGE = "deeplisten grade --concept <name or id> --text <explanation> [--lang en|zh] [--json]";

/**
 * `deeplisten grade`: checks one explanation against the concept's pack rubric (or, without a pack
 * entry, the definitions the library's episodes give). Prints the verdict; records nothing — the
 * tutor is where attempts count.
 */
export function gradeCommand(ctx: CliContext, args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { concept: { type: "string" }, text: { type: "string" }, lang: { type: "string" } },
  });
  if (positionals.length || !values.concept || values.text === undefined) throw new UsageError(`usage: ${GRADE_USAGE}`);
  const language = parseLanguage(values.lang);
  const entry = findPackEntry(libraryPacks(ctx.home), values.concept);
  const definitions = entry ? [] : transcriptDefinitions(ctx, values.concept);
  const verdict = gradeExplanation({
    entry,
    conceptName: values.concept,
    text: values.text,
    language,
    transcriptDefinitions: definitions,
  });
  if (ctx.json) {
    const { language: _, ...contract } = verdict;
    ctx.stdout(JSON.stringify(contract));
  } else {
    ctx.stdout(`${verdict.verdict}: ${verdict.feedback}`);
  }
  return 0;
}

/** The best definitions the library's episodes give of a concept no pack covers. */
function transcriptDefinitions(ctx: CliContext, name: string): string[] {
  const store = ctx.openLibrary();
  const concept = findConcept(store, name);
  if (!concept) return [];
  return episodesOfConcept(store, concept.key).flatMap(
    ({ episodeId }) =>
      getEpisodeConcept(store, episodeId, concept.id)
        ?.definitions.slice(0, 3)
        .map((d) => d.text) ?? [],
  );
}
