import { stripThinking } from "./think.js";

/** A model's answer that is not the JSON that was asked for; `message` says what was wrong. */
export class ModelOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ModelOutputError";
  }
}

/**
 * The JSON object in a model's answer, read tolerantly: `<think>` blocks, Markdown code fences and
 * chatter around the object are ignored, because small local models add them whatever the prompt
 * says. Validation against a schema is the caller's job, and strict.
 */
export function parseModelJson(text: string): unknown {
  const visible = stripThinking(text).trim();
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(visible);
  const candidates = [fenced?.[1], visible, firstObject(visible)].filter((c): c is string => !!c);
  let lastError = "the answer is empty";
  for (const candidate of candidates) {
    try {
      return JSON.parse(candidate.trim());
    } catch (error) {
      lastError = (error as Error).message;
    }
  }
  throw new ModelOutputError(`the answer is not a JSON object (${lastError})`);
}

/** The first balanced `{…}` of a text, skipping braces inside strings; null when there is none. */
function firstObject(text: string): string | null {
  const start = text.indexOf("{");
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === "{") depth++;
    else if (ch === "}") {
      depth--;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return null;
}
