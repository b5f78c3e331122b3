import { parseArgs } from "node:util";
import { formatTimecode } from "../../core/index.js";
import type { LoadedPack, PackEntry } from "../../knowledge/index.js";
import { conceptPackEntry, explainBack } from "../../library/explain-back.js";
import { libraryPacks } from "../../library/index.js";
import {
  applyMasteryEvent,
  type ConceptRef,
  findConcept,
  getEpisodeConcept,
  getMasteryState,
  type Store,
} from "../../store/index.js";
import { buildLesson, type Lesson, type TutorLanguage } from "../../tutor/lesson.js";
import { say, stateName, verdictName } from "../../tutor/messages.js";
import { createAsker } from "../ask.js";
import type { CliContext } from "../context.js";
import { findOneEpisode } from "../find-episode.js";
import { CommandError, UsageError } from "../usage-error.js";

export const TUTOR_USAGE = "deeplisten tutor <episode> <concept> [--lang en|zh]";

/** The learner's language: --lang, else DEEPLISTEN_LANG, else the system locale. */
export function tutorLanguage(flag: string | undefined): TutorLanguage {
  const value = flag ?? process.env.DEEPLISTEN_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? "en";
  if (flag !== undefined && flag !== "en" && flag !== "zh")
    throw new UsageError(`--lang takes en or zh, not "${flag}"`);
  return value.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/**
 * `deeplisten tutor <episode> <concept>`: the offline tutor in the terminal. What the episode says,
 * the pack card, what to learn first, questions to think through, then "explain it in your own
 * words" with a confidence rating first; every attempt is graded, kept, and moves the mastery gate.
 */
export async function tutorCommand(ctx: CliContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { lang: { type: "string" } } });
  if (positionals.length !== 2) throw new UsageError(`usage: ${TUTOR_USAGE}`);
  const language = tutorLanguage(values.lang);
  const store = ctx.openLibrary();
  const episode = findOneEpisode(ctx, positionals[0] as string);
  const conceptName = positionals[1] as string;
  const packs = libraryPacks(ctx.home);
  const concept = findConcept(store, conceptName, episode.id);
  const entry = conceptPackEntry(packs, concept, conceptName);
  if (!concept) {
    throw new CommandError(
      `"${conceptName}" is not a concept of this library yet: mark it first (deeplisten mark ${episode.id} --term "${conceptName}") or run deeplisten analyze ${episode.id}`,
    );
  }
  const inEpisode = getEpisodeConcept(store, episode.id, concept.id);
  const lesson = buildLesson({
    conceptName: concept.name,
    language,
    entry,
    packEntries: packs.flatMap((p) => p.entries),
    definitions: inEpisode?.definitions ?? [],
    maxMoments: 10,
  });
  applyMasteryEvent(store, concept.id, { type: "study" }, { episodeId: episode.id });

  const out = (text = "") => ctx.stdout(text);
  const asker = createAsker();
  let shownMoments = 3;
  try {
    out(
      say(language, "title", {
        concept: lesson.conceptName,
        state: stateName(language, getMasteryState(store, concept.id)),
      }),
    );
    printMoments(out, lesson, language, 0, shownMoments);
    printPrerequisites(out, store, lesson, language);
    if (!lesson.card) out(`\n${say(language, "noCard")}`);
    printQuestions(out, lesson, language);
    for (;;) {
      out(`\n${say(language, "menu")}`);
      const choice = (await asker.ask(say(language, "choose")))?.trim().toLowerCase();
      if (choice === undefined || choice === "x" || choice === "q!") break;
      if (choice === "c") printCard(out, lesson, language);
      else if (choice === "q") printQuestions(out, lesson, language);
      else if (choice === "m") {
        printMoments(out, lesson, language, shownMoments, shownMoments + 3);
        shownMoments += 3;
      } else if (choice === "e") {
        const verified = await explainOnce(ctx, store, asker, {
          concept,
          entry,
          packs,
          lesson,
          language,
          episodeId: episode.id,
          definitions: inEpisode?.definitions.map((d) => d.text) ?? [],
        });
        if (verified === null) break;
        if (verified) return 0;
      }
    }
  } finally {
    asker.close();
  }
  out(
    say(language, "bye", {
      concept: lesson.conceptName,
      state: stateName(language, getMasteryState(store, concept.id)),
    }),
  );
  return 0;
}

/** One explain-back: confidence first, then the explanation, graded and kept. Null at end of input. */
async function explainOnce(
  ctx: CliContext,
  store: Store,
  asker: ReturnType<typeof createAsker>,
  o: {
    concept: ConceptRef;
    entry: PackEntry | null;
    packs: LoadedPack[];
    lesson: Lesson;
    language: TutorLanguage;
    episodeId: string;
    definitions: string[];
  },
): Promise<boolean | null> {
  let confidence: number | null = null;
  while (confidence === null) {
    const answer = await asker.ask(say(o.language, "confidence"));
    if (answer === null) return null;
    const n = Number(answer.trim());
    if (Number.isInteger(n) && n >= 1 && n <= 5) confidence = n;
    else ctx.stdout(say(o.language, "badConfidence"));
  }
  ctx.stdout(say(o.language, "explain", { concept: o.lesson.conceptName }));
  const lines: string[] = [];
  for (;;) {
    const line = await asker.ask("");
    if (line === null || line.trim() === "") break;
    lines.push(line);
  }
  const text = lines.join("\n").trim();
  if (!text) return false;
  const { verdict, attempt } = explainBack(store, {
    concept: o.concept,
    episodeId: o.episodeId,
    confidence,
    text,
    language: o.language,
    packs: o.packs,
    entry: o.entry,
    definitions: o.definitions,
  });
  ctx.stdout(`\n${verdict.feedback}`);
  ctx.stdout(say(o.language, "calibration", { confidence }));
  if (attempt.state === "verified" && verdict.verdict === "verified") {
    ctx.stdout(say(o.language, "verified", { concept: o.lesson.conceptName }));
    return true;
  }
  ctx.stdout(
    say(o.language, "notYet", { concept: o.lesson.conceptName, verdict: verdictName(o.language, verdict.verdict) }),
  );
  return false;
}

function printMoments(out: (t?: string) => void, lesson: Lesson, language: TutorLanguage, from: number, to: number) {
  if (from === 0) out(`\n${say(language, "episodeSays")}`);
  const moments = lesson.episodeSays.slice(from, to);
  if (from === 0 && moments.length === 0) out(`  ${say(language, "noMoments")}`);
  for (const m of moments) out(`  [${formatTimecode(m.startMs)}] ${m.speaker ? `${m.speaker}: ` : ""}${m.text}`);
}

function printPrerequisites(out: (t?: string) => void, store: Store, lesson: Lesson, language: TutorLanguage) {
  if (lesson.prerequisites.length === 0) return;
  const chain = lesson.prerequisites.map((p) => {
    const known = findConcept(store, p.entryId);
    return `${p.name} (${stateName(language, known ? getMasteryState(store, known.id) : "new")})`;
  });
  out(`\n${say(language, "learnFirst")}: ${chain.join(" → ")} → ${lesson.conceptName}`);
}

function printQuestions(out: (t?: string) => void, lesson: Lesson, language: TutorLanguage) {
  if (lesson.checkQuestions.length === 0) return;
  out(`\n${say(language, "questions")}`);
  lesson.checkQuestions.forEach((q, i) => {
    out(`  ${i + 1}. ${q}`);
  });
}

function printCard(out: (t?: string) => void, lesson: Lesson, language: TutorLanguage) {
  if (!lesson.card) {
    out(say(language, "noCard"));
    return;
  }
  out(`\n${say(language, "card")}: ${lesson.card.definition}\n\n${lesson.card.explanation}`);
  if (lesson.card.facts.length) {
    out(`\n${say(language, "facts")}`);
    for (const f of lesson.card.facts) out(`  - ${f.text} (${f.source})`);
  }
  if (lesson.card.misconceptions.length) {
    out(`\n${say(language, "watchOut")}`);
    for (const m of lesson.card.misconceptions) out(`  - ${m}`);
  }
}
