import { generateText } from "ai";
import { z } from "zod";
import {
  explainLlmError,
  type LlmCache,
  type LlmConfig,
  type LlmModel,
  llmCacheKey,
  ModelOutputError,
  parseModelJson,
} from "../llm/index.js";
import { matchTokens } from "./match-text.js";
import { candidateWindows, type QuoteIndex, type QuoteSegment } from "./quote-index.js";
import { sameSpeaker } from "./speaker-names.js";

/**
 * A claim in the learner's own words ("Nathan thinks RL only unlocks what pre-training put there")
 * checked with a model against the transcript passages most likely to bear on it: supported,
 * contradicted (with the passage that contradicts it), or not found. Only the passages are sent,
 * never the whole transcript; the model must point at one of them by number.
 */

export type ClaimVerdict = "supported" | "contradicted" | "not-found";

export interface ClaimCheck {
  verdict: ClaimVerdict;
  /** The passage that supports or contradicts the claim (null: not found). */
  passage: { segmentId: number; startMs: number; speaker: string | null; text: string } | null;
  /** The model's one-sentence reason, in the claim's language. */
  explanation: string;
  /** `provider/model` that answered. */
  model: string;
  /** True when the answer came from the cache (no tokens spent). */
  cached?: boolean;
  inputTokens: number;
  outputTokens: number;
}

/** A claim that could not be checked: no model answer usable; `message` says what to do. */
export class ClaimCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClaimCheckError";
  }
}

/** Passages sent to the model: enough to find the place, few enough for a small local model. */
const PASSAGES = 8;
/** A passage longer than this is cut: the model needs the gist around the claim's words. */
const PASSAGE_CHARS = 1_200;

/**
 * The transcript paragraphs most likely to bear on a claim: those sharing its rarer words, the
 * credited speaker's first. Pure.
 */
export function claimPassages(index: QuoteIndex, claim: string, speaker?: string | null): QuoteSegment[] {
  const stems = matchTokens(claim).map((t) => t.stem);
  const windows = candidateWindows(index, stems, PASSAGES * 3);
  const seen = new Set<number>();
  const picked: QuoteSegment[] = [];
  for (const w of windows) {
    for (const i of [w, w + 1]) {
      const segment = index.segments[i];
      if (!segment || seen.has(i)) continue;
      seen.add(i);
      picked.push(segment);
    }
  }
  const credited = speaker?.trim();
  const theirs = credited ? picked.filter((s) => s.speaker && sameSpeaker(credited, s.speaker)) : [];
  const rest = picked.filter((s) => !theirs.includes(s));
  return [...theirs, ...rest].slice(0, PASSAGES).sort((a, b) => a.startMs - b.startMs);
}

/** The prompt: the claim, who it is about, and numbered passages. Pure. */
export function buildClaimPrompt(input: { claim: string; speaker: string | null; passages: readonly QuoteSegment[] }): {
  system: string;
  prompt: string;
} {
  const system = [
    "You check whether a learner's summary of what a speaker said in a conversation is backed by the transcript.",
    "Use only the numbered passages given. Answer with one JSON object and nothing else:",
    '{"verdict": "supported" | "contradicted" | "not-found", "passage": <number of the passage that supports or contradicts the claim, or null>, "explanation": "<one sentence, in the language of the claim>"}',
    '"supported": a passage by the credited speaker says this. "contradicted": a passage shows the credited speaker (or the speaker the claim is about) holds a different or opposite view, or that someone else said it. "not-found": the passages do not settle it.',
  ].join("\n");
  const lines = input.passages.map((p, i) => {
    const text = p.text.length > PASSAGE_CHARS ? `${p.text.slice(0, PASSAGE_CHARS)}…` : p.text;
    return `[${i + 1}] ${p.speaker ?? "(unlabelled)"}: ${text}`;
  });
  const prompt = [
    `Claim${input.speaker ? ` about ${input.speaker}` : ""}: ${input.claim}`,
    "",
    "Passages:",
    ...lines,
  ].join("\n");
  return { system, prompt };
}

const AnswerSchema = z.object({
  verdict: z.enum(["supported", "contradicted", "not-found"]),
  passage: z.number().int().nullable().optional(),
  explanation: z.string().default(""),
});

/**
 * The model's answer as a verdict, strictly: a known verdict, and for "supported" or
 * "contradicted" the number of one of the passages sent.
 */
export function parseClaimAnswer(
  text: string,
  passages: readonly QuoteSegment[],
): { verdict: ClaimVerdict; passage: QuoteSegment | null; explanation: string } {
  const parsed = AnswerSchema.safeParse(parseModelJson(text));
  if (!parsed.success)
    throw new ModelOutputError(`the verdict is not in the asked form (${parsed.error.issues[0]?.message})`);
  const { verdict, explanation } = parsed.data;
  if (verdict === "not-found") return { verdict, passage: null, explanation };
  const n = parsed.data.passage;
  const passage = n != null ? passages[n - 1] : undefined;
  if (!passage) throw new ModelOutputError(`"${verdict}" needs the number of one of the ${passages.length} passages`);
  return { verdict, passage, explanation };
}

/**
 * Checks a claim with the configured model: the passages, one call, one retry told what was wrong
 * with a malformed answer. Throws ClaimCheckError with a sentence the learner can act on when the
 * model cannot be reached or never answers in the asked form.
 */
export async function checkClaimWithModel(input: {
  index: QuoteIndex;
  claim: string;
  speaker?: string | null;
  config: LlmConfig;
  model: LlmModel;
  timeoutMs?: number;
  /** The words the passages are searched with, when not the claim's own (its English translation). */
  searchText?: string;
  /** Answers kept by a hash of the model and the prompt. */
  cache?: LlmCache;
}): Promise<ClaimCheck> {
  const passages = claimPassages(input.index, input.searchText ?? input.claim, input.speaker);
  const name = `${input.config.provider.id}/${input.config.model}`;
  const tokens = { inputTokens: 0, outputTokens: 0 };
  if (passages.length === 0) {
    return { verdict: "not-found", passage: null, explanation: "", model: name, ...tokens };
  }
  const { system, prompt } = buildClaimPrompt({ claim: input.claim, speaker: input.speaker ?? null, passages });
  const key = llmCacheKey({
    provider: input.config.provider.id,
    model: input.config.model,
    purpose: "claim-check",
    prompt: { system, prompt },
  });
  const cachedAnswer = input.cache?.read<unknown>(key);
  if (cachedAnswer) {
    try {
      return claimCheckOf(parseClaimAnswer(JSON.stringify(cachedAnswer.response), passages), name, tokens, true);
    } catch {
      // A cached answer that no longer passes: ask again.
    }
  }
  const messages: { role: "user" | "assistant"; content: string }[] = [{ role: "user", content: prompt }];
  let problem = "";
  for (let attempt = 0; attempt < 2; attempt++) {
    let text: string;
    try {
      const result = await generateText({
        model: input.model,
        system,
        messages,
        temperature: 0,
        maxOutputTokens: 600,
        maxRetries: 2,
        timeout: input.timeoutMs ?? 120_000,
      });
      text = result.text;
      tokens.inputTokens += result.usage.inputTokens ?? 0;
      tokens.outputTokens += result.usage.outputTokens ?? 0;
    } catch (error) {
      throw new ClaimCheckError(explainLlmError(error, input.config).message);
    }
    try {
      const answer = parseClaimAnswer(text, passages);
      const number = answer.passage ? passages.indexOf(answer.passage) + 1 : null;
      input.cache?.write(key, {
        response: { verdict: answer.verdict, passage: number, explanation: answer.explanation },
        ...tokens,
      });
      return claimCheckOf(answer, name, tokens, false);
    } catch (error) {
      if (!(error instanceof ModelOutputError)) throw error;
      problem = error.message;
      messages.push(
        { role: "assistant", content: text },
        { role: "user", content: `That answer cannot be used: ${problem}. Answer again with only the JSON object.` },
      );
    }
  }
  throw new ClaimCheckError(
    `${input.config.provider.label} (model "${input.config.model}") twice answered with something that is not a verdict (${problem}); a larger model usually follows the format.`,
  );
}

function claimCheckOf(
  answer: ReturnType<typeof parseClaimAnswer>,
  model: string,
  tokens: { inputTokens: number; outputTokens: number },
  cached: boolean,
): ClaimCheck {
  const p = answer.passage;
  return {
    verdict: answer.verdict,
    passage: p ? { segmentId: p.id, startMs: p.startMs, speaker: p.speaker, text: p.text } : null,
    explanation: answer.explanation,
    model,
    cached,
    ...tokens,
  };
}
