import { formatTimecode } from "../../core/index.js";
import type { Lesson, TutorLanguage } from "../lesson.js";
import type { Passage } from "./types.js";

const TEXT = {
  en: {
    offline:
      "No model is configured, so this answer is put together from the episode and the knowledge pack (set one up in Settings for a tutor that answers your exact question).",
    failed: "The model could not answer: {reason} Meanwhile, here is what the episode and the knowledge pack say.",
    episodeSays: "What the episode says",
    nothing: "The episode never explains it in so many words.",
    card: "In short",
    noCard: "No knowledge pack covers this concept, so the episode's own words are all there is to go on.",
    alsoRelevant: "Also relevant to your question",
    firstLearn: "Learn first",
    check: "Check yourself",
    checkFallback:
      "Can you say in one sentence, in your own words, what {concept} is and why the speakers bring it up?",
  },
  zh: {
    offline:
      "尚未配置模型，所以这个回答是根据节目内容和知识包整理的（在“设置”里配置模型后，导师可以直接回答你的问题）。",
    failed: "模型没能回答：{reason} 先看看节目和知识包是怎么说的。",
    episodeSays: "节目里是怎么说的",
    nothing: "节目里没有直接解释它。",
    card: "简要说明",
    noCard: "知识包里没有这个概念，只能依据节目里的原话。",
    alsoRelevant: "和你的问题相关的片段",
    firstLearn: "先学这些",
    check: "自我检查",
    checkFallback: "你能用一句自己的话说清楚「{concept}」是什么、嘉宾为什么谈到它吗？",
  },
} as const;

/**
 * The offline tutor's answer to a question, assembled from the lesson: the defining moments with
 * their times (so they are cited like a model's), the pack card, other moments that match the
 * question, and a check question. Used when no model is configured and when the model fails.
 * Pure. Quotes stay in the episode's language.
 */
export function offlineAnswer(input: {
  lesson: Lesson;
  language: TutorLanguage;
  /** Moments that match the question (beyond the defining ones). */
  passages: Passage[];
  /** Set when a model was configured but failed: a sentence saying why. */
  modelFailure?: string;
  /** Which check question to ask: rotates with the number of turns so far. */
  turn?: number;
}): { answer: string; moments: { segmentId: number; startMs: number }[] } {
  const t = TEXT[input.language];
  const { lesson } = input;
  const lines: string[] = [
    input.modelFailure ? t.failed.replace("{reason}", ensureSentence(input.modelFailure)) : t.offline,
    "",
  ];
  const moments: { segmentId: number; startMs: number }[] = [];
  const quote = (p: { startMs: number; speaker: string | null; text: string }) =>
    `- [${formatTimecode(p.startMs)}] ${p.speaker ? `${p.speaker}: ` : ""}"${shorten(p.text, 320)}"`;

  lines.push(`**${t.episodeSays}**`);
  if (lesson.episodeSays.length === 0) lines.push(t.nothing);
  for (const m of lesson.episodeSays.slice(0, 3)) {
    lines.push(quote(m));
    moments.push({ segmentId: m.segmentId, startMs: m.startMs });
  }
  lines.push("");
  if (lesson.card) {
    lines.push(`**${t.card}**: ${lesson.card.definition}`, "", lesson.card.explanation, "");
  } else {
    lines.push(t.noCard, "");
  }
  const shown = new Set(moments.map((m) => m.segmentId));
  const extra = input.passages.filter((p) => p.why === "question" && !shown.has(p.segmentId)).slice(0, 2);
  if (extra.length > 0) {
    lines.push(`**${t.alsoRelevant}**`);
    for (const p of extra) {
      lines.push(quote(p));
      moments.push({ segmentId: p.segmentId, startMs: p.startMs });
    }
    lines.push("");
  }
  if (lesson.prerequisites.length > 0) {
    lines.push(
      `**${t.firstLearn}**: ${[...lesson.prerequisites.map((p) => p.name), lesson.conceptName].join(" → ")}`,
      "",
    );
  }
  const questions = lesson.checkQuestions;
  const check =
    questions.length > 0
      ? (questions[(input.turn ?? 0) % questions.length] as string)
      : t.checkFallback.replace("{concept}", lesson.conceptName);
  lines.push(`**${t.check}**: ${check}`);
  return { answer: lines.join("\n"), moments };
}

function shorten(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, " ").trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : chars.join("");
}

function ensureSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?。！？]$/u.test(trimmed) ? trimmed : `${trimmed}.`;
}
