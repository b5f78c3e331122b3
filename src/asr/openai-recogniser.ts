import { openAsBlob } from "node:fs";
import { ASR_ENV, type AsrConfig, recogniserId } from "./config.js";
import {
  type AsrProblem,
  type ChunkInput,
  type RecognisedSegment,
  type Recogniser,
  RecogniserError,
} from "./recogniser.js";

/** Options of the HTTP recogniser beyond its configuration; tests shorten the waits. */
export interface HttpRecogniserOptions {
  /** How long one chunk may take before the request is given up (default 10 minutes). */
  timeoutMs?: number;
  /** Waits before each retry of a busy or failing server (default 1 s, 4 s). */
  retryDelaysMs?: number[];
}

/** What verbose_json carries that deeplisten reads. */
interface VerboseJson {
  text?: string;
  segments?: { start?: number; end?: number; text?: string; speaker?: string }[];
}

/**
 * A recogniser behind an OpenAI-style `/audio/transcriptions` endpoint (OpenAI, Groq, whisper.cpp's
 * server, faster-whisper servers): one multipart upload per chunk, verbose_json back, with segment
 * timestamps. The chunk file is streamed from disk, never read whole into memory.
 */
export function httpRecogniser(config: AsrConfig, options: HttpRecogniserOptions = {}): Recogniser {
  const url = `${config.baseUrl}/audio/transcriptions`;
  const timeoutMs = options.timeoutMs ?? 600_000;
  const delays = options.retryDelaysMs ?? [1000, 4000];
  const where = config.provider.label;

  async function once(chunk: ChunkInput): Promise<Response> {
    const form = new FormData();
    form.set("file", await openAsBlob(chunk.file, { type: "audio/wav" }), `chunk-${chunk.idx}.wav`);
    form.set("model", config.model);
    form.set("response_format", "verbose_json");
    form.append("timestamp_granularities[]", "segment");
    if (chunk.language) form.set("language", chunk.language);
    const signals = [AbortSignal.timeout(timeoutMs), ...(chunk.signal ? [chunk.signal] : [])];
    try {
      return await fetch(url, {
        method: "POST",
        body: form,
        headers: config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {},
        signal: AbortSignal.any(signals),
      });
    } catch (error) {
      if (chunk.signal?.aborted) throw error;
      const name = (error as Error).name;
      if (name === "TimeoutError" || name === "AbortError") {
        throw new RetryableError(
          "timeout",
          `${where} did not answer within ${Math.round(timeoutMs / 1000)} s at ${url}`,
        );
      }
      const inner = (error as { cause?: { code?: string; message?: string } }).cause;
      const cause = inner?.code ?? inner?.message ?? (error as Error).message;
      throw new RecogniserError(
        "unreachable",
        `cannot reach the transcription server at ${url} (${cause}): is it running?`,
      );
    }
  }

  return {
    id: recogniserId(config),
    label: `${where} (${config.model})`,
    encoding: "wav",
    // 10 minutes of 16 kHz 16-bit mono is 19 MB, under the 25 MB upload limit of OpenAI and Groq.
    maxChunkMs: 600_000,
    async transcribe(chunk) {
      for (let attempt = 0; ; attempt++) {
        try {
          const response = await once(chunk);
          if (response.ok) return parseVerboseJson(await response.json().catch(() => null), chunk, url);
          const detail = await errorDetail(response);
          if (response.status === 429 || response.status >= 500) {
            throw new RetryableError(
              "other",
              `${where} answered ${response.status} for chunk ${chunk.idx + 1}${detail}`,
            );
          }
          const status = statusMessage(response.status, detail, url, config);
          throw new RecogniserError(status.problem, status.message);
        } catch (error) {
          if (!(error instanceof RetryableError) || attempt >= delays.length) {
            throw error instanceof RetryableError ? new RecogniserError(error.problem, error.message) : error;
          }
          await new Promise((r) => setTimeout(r, delays[attempt]));
        }
      }
    },
  };
}

class RetryableError extends Error {
  constructor(
    readonly problem: AsrProblem,
    message: string,
  ) {
    super(message);
  }
}

/** The segments of a verbose_json answer; a server that only gives text gets one segment for the chunk. */
export function parseVerboseJson(body: unknown, chunk: ChunkInput, url: string): RecognisedSegment[] {
  if (!body || typeof body !== "object") {
    throw new RecogniserError("bad-answer", `the transcription server at ${url} did not answer with JSON`);
  }
  const json = body as VerboseJson;
  if (Array.isArray(json.segments)) {
    return json.segments.map((s) => ({
      startMs: Math.round(Number(s.start ?? 0) * 1000),
      endMs: Math.round(Number(s.end ?? s.start ?? 0) * 1000),
      text: String(s.text ?? ""),
      ...(typeof s.speaker === "string" && s.speaker ? { speaker: s.speaker } : {}),
    }));
  }
  if (typeof json.text === "string") return [{ startMs: 0, endMs: chunk.durationMs, text: json.text }];
  throw new RecogniserError("bad-answer", `the transcription server at ${url} answered without text or segments`);
}

function statusMessage(
  status: number,
  detail: string,
  url: string,
  config: AsrConfig,
): { problem: AsrProblem; message: string } {
  if (status === 401 || status === 403) {
    return {
      problem: "bad-key",
      message: `the transcription server refused the API key (${status}${detail}): check ${ASR_ENV.apiKey}`,
    };
  }
  // Servers say "model not found" with 404 (OpenAI), 400 (Groq, speaches) or 422.
  if ((status === 404 || status === 400 || status === 422) && /model/i.test(detail)) {
    return {
      problem: "unknown-model",
      message: `the transcription server has no model "${config.model}"${detail}: check ${ASR_ENV.model}`,
    };
  }
  if (status === 404 || status === 405) {
    return {
      problem: "no-endpoint",
      message: `no transcription endpoint at ${url} (${status}): check ${ASR_ENV.baseUrl} (whisper.cpp's server needs --inference-path /v1/audio/transcriptions)`,
    };
  }
  return { problem: "other", message: `the transcription server at ${url} answered ${status}${detail}` };
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => "");
  let message = text;
  try {
    const json = JSON.parse(text) as { error?: { message?: string } | string; message?: string };
    message = (typeof json.error === "string" ? json.error : json.error?.message) ?? json.message ?? text;
  } catch {}
  message = message.replace(/\s+/g, " ").trim().slice(0, 200);
  return message ? `: ${message}` : "";
}
