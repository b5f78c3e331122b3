import { generateText } from "ai";
import { z } from "zod";
import { detectLanguage } from "../../core/index.js";
import type { PackEntry } from "../../knowledge/index.js";
import { type LlmCache, llmCacheKey } from "../../llm/cache.js";
import type { LlmConfig } from "../../llm/config.js";
import { ModelOutputError, parseModelJson } from "../../llm/json-output.js";
import { createLanguageModel, type ModelFactoryOptions } from "../../llm/model-factory.js";
import { explainLlmError } from "../../llm/test-connection.js";
import { gradeExplanation } from "../grader/grade.js";
import { type GraderLanguage, type Verdict, VerdictSchema } from "../grader/verdict.js";
import { buildGradingPrompt, type GradingBasis, gradingBasis } from "./prompt.js";

/**
 * A verdict and who gave it. `grader` is "<provider>/<model>" when the model graded, "offline" when
 * no model is configured, and "offline-fallback" when a model was configured but could not grade
 * (its output was invalid twice, or the call failed): `graderNote` then says why.
 */
export type GradedVerdict = Verdict & {
  grader: string;
  graderNote?: string;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
};

/** What to grade: the same input as the offline grader. */
export interface ModelGradeInput {
  entry: PackEntry | null;
  conceptName: string;
  text: string;
  language?: GraderLanguage;
  /** The episode's passages about the concept; the basis when there is no pack entry. */
  transcriptDefinitions?: string[];
}

export interface ModelGradeOptions {
  config: LlmConfig | null;
  /** Why the configuration could not be used (then the offline grader answers and says so). */
  configProblem?: string;
  /** Where answers are cached; without it every call is made. */
  cache?: LlmCache;
  fetch?: ModelFactoryOptions["fetch"];
  timeoutMs?: number;
}

// What the model must return; ids are checked against the rubric separately.
const ModelOutput = z.object({
  verdict: z.enum(["verified", "partial", "misconception"]),
  covered: z.array(z.string()).default([]),
  missing: z.array(z.string()).default([]),
  misconceptions: z.array(z.string()).default([]),
  feedback: z.string().trim().min(1, "feedback is empty"),
});

/**
 * Grade an explanation with the configured model, or offline when there is none or it cannot: the
 * function the tutor, the CLI and the web's explain route call. The verdict has the offline
 * grader's schema, so the mastery gate treats both alike; only `verified` passes.
 */
export async function gradeWithModelOrOffline(
  input: ModelGradeInput,
  options: ModelGradeOptions,
): Promise<GradedVerdict> {
  const language = input.language ?? (detectLanguage(input.text) === "zh" ? "zh" : "en");
  const offline = (
    grader: "offline" | "offline-fallback",
    note?: string,
    tokens = { inputTokens: 0, outputTokens: 0 },
  ) => ({
    ...gradeExplanation({ ...input, language }),
    grader,
    ...(note ? { graderNote: note } : {}),
    ...tokens,
    cached: false,
  });
  if (!options.config) {
    return options.configProblem ? offline("offline-fallback", options.configProblem) : offline("offline");
  }
  const config = options.config;
  const basis = gradingBasis(input.entry, input.transcriptDefinitions ?? [], language, input.conceptName);
  const conceptName = input.entry ? (input.entry.names[language][0] ?? input.entry.id) : input.conceptName;
  const prompt = buildGradingPrompt({ conceptName, language, basis, explanation: input.text });
  const grader = `${config.provider.id}/${config.model}`;
  const key = llmCacheKey({ provider: config.provider.id, model: config.model, purpose: "grade", prompt });
  const cached = options.cache?.read<Verdict>(key) ?? null;
  if (cached) {
    const verdict = VerdictSchema.safeParse(cached.response);
    if (verdict.success) return { ...verdict.data, grader, inputTokens: 0, outputTokens: 0, cached: true };
  }

  const model = createLanguageModel(config, options.fetch ? { fetch: options.fetch } : {});
  const messages: { role: "user" | "assistant"; content: string }[] = [{ role: "user", content: prompt.prompt }];
  const tokens = { inputTokens: 0, outputTokens: 0 };
  let problem = "";
  // The first answer, and one retry that is told what was wrong with it.
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      const result = await generateText({
        model,
        system: prompt.system,
        messages,
        temperature: 0,
        maxOutputTokens: 1500,
        maxRetries: 2,
        timeout: options.timeoutMs ?? 120_000,
      });
      text = result.text;
      tokens.inputTokens += result.usage.inputTokens ?? 0;
      tokens.outputTokens += result.usage.outputTokens ?? 0;
    } catch (error) {
      return offline("offline-fallback", explainLlmError(error, config).message, tokens);
    }
    try {
      const verdict = toVerdict(parseModelJson(text), basis, input.entry?.id ?? input.conceptName, language);
      options.cache?.write(key, { response: verdict, ...tokens });
      return { ...verdict, grader, ...tokens, cached: false };
    } catch (error) {
      if (!(error instanceof ModelOutputError)) throw error;
      problem = error.message;
      messages.push(
        { role: "assistant", content: text },
        {
          role: "user",
          content: `That answer cannot be used: ${problem}. Answer again with only the JSON object described, using only the ids listed.`,
        },
      );
    }
  }
  return offline(
    "offline-fallback",
    `${config.provider.label} (model "${config.model}") twice answered with something that is not a valid verdict (${problem}); the offline grader checked this explanation instead. A larger model usually follows the format.`,
    tokens,
  );
}

/**
 * The model's JSON as a verdict, strictly: known ids only, and a verdict consistent with them (a
 * "verified" that lists a misconception or misses a required point is not accepted).
 */
export function toVerdict(raw: unknown, basis: GradingBasis, concept: string, language: GraderLanguage): Verdict {
  const parsed = ModelOutput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModelOutputError(`"${issue?.path.join(".") || "answer"}" ${issue?.message ?? "is invalid"}`);
  }
  const out = parsed.data;
  const pointIds = basis.kind === "rubric" ? basis.keyPoints.map((k) => k.id) : basis.passages.map((p) => p.id);
  const required = basis.kind === "rubric" ? basis.keyPoints.filter((k) => k.required).map((k) => k.id) : pointIds;
  const misconceptionIds = basis.kind === "rubric" ? basis.misconceptions.map((m) => m.id) : [];
  const unknown = [
    ...[...out.covered, ...out.missing].filter((id) => !pointIds.includes(id)),
    ...out.misconceptions.filter((id) => !misconceptionIds.includes(id)),
  ];
  if (unknown.length > 0) throw new ModelOutputError(`unknown ids ${JSON.stringify(unknown)}`);
  const covered = [...new Set(out.covered)];
  const missing = required.filter((id) => !covered.includes(id));
  const misconceptions = [...new Set(out.misconceptions)];
  if (out.verdict === "verified" && misconceptions.length > 0) {
    throw new ModelOutputError(`verdict "verified" but misconceptions ${JSON.stringify(misconceptions)} are listed`);
  }
  if (out.verdict === "verified" && missing.length > 0) {
    throw new ModelOutputError(`verdict "verified" but required points ${JSON.stringify(missing)} are not covered`);
  }
  if (out.verdict !== "misconception" && misconceptions.length > 0) {
    throw new ModelOutputError(`misconceptions are listed but the verdict is "${out.verdict}"`);
  }
  return VerdictSchema.parse({
    concept,
    verdict: out.verdict,
    covered,
    missing,
    misconceptions,
    feedback: out.feedback,
    language,
  });
}
