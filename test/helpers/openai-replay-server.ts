import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One recorded answer of the chat-completions endpoint. */
export interface RecordedAnswer {
  content: string;
  /** Reported token counts; made up from the text length when absent. */
  promptTokens?: number;
  completionTokens?: number;
  finishReason?: "stop" | "length";
}

/**
 * How the server behaves for the next requests. "cut-stream" sends half of a streamed answer and
 * then drops the connection; "malformed-stream" sends a few deltas, then a line that is not JSON.
 */
export type ReplayMode = "answer" | "unauthorized" | "model-not-found" | "hang" | "cut-stream" | "malformed-stream";

/** An error answer served once to a chat-completions request (see `failNext`). */
export interface ReplayFailure {
  status: number;
  /** E.g. { "retry-after": "1" } on a 429. */
  headers?: Record<string, string>;
  body?: unknown;
}

/** Chooses the answer from the request (e.g. by what its prompt asks for); null falls back to the list. */
export type ReplayResponder = (body: unknown) => RecordedAnswer | null;

/** A request as the server saw it, for asserting request shapes. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/** Options of `startOpenAiReplayServer`. */
export interface ReplayServerOptions {
  /** Answers served in order; the last one repeats once the list is used up. Default: one "OK". */
  answers?: RecordedAnswer[];
  mode?: ReplayMode;
  /** When set, any other bearer token gets 401, as a real cloud API would answer. */
  apiKey?: string;
  /** When set, any other model gets 404 model_not_found, as Ollama and OpenAI answer. */
  models?: string[];
  /** How many characters each streamed delta carries (default 4). */
  chunkSize?: number;
  /** A pause between streamed deltas (default none), so a browser test can see an answer arrive in pieces. */
  chunkDelayMs?: number;
  /** Computes answers from requests instead of replaying the list. */
  respond?: ReplayResponder;
}

/** A running replay server. */
export interface ReplayServer {
  /** Base URL including /v1, ready for an OpenAI-compatible provider. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  setMode(mode: ReplayMode): void;
  setAnswers(answers: RecordedAnswer[]): void;
  /** The next chat-completions requests get these error answers, in order, then normal answers again. */
  failNext(failures: ReplayFailure[]): void;
  setResponder(respond: ReplayResponder | null): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions API (plain JSON and SSE
 * streaming) and replays recorded answers, so tests run the whole AI SDK provider path offline.
 */
export async function startOpenAiReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  let mode: ReplayMode = options.mode ?? "answer";
  let answers = options.answers ?? [{ content: "OK" }];
  let served = 0;
  let failures: ReplayFailure[] = [];
  let responder: ReplayResponder | null = options.respond ?? null;
  const requests: RecordedRequest[] = [];
  const chunkSize = options.chunkSize ?? 4;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: "server_error" } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      sendJson(res, 400, { error: { message: "request body is not JSON", type: "invalid_request_error" } });
      return;
    }
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    requests.push({ method: req.method ?? "GET", path, authorization: req.headers.authorization, body });

    // Hang before anything else: a stuck server accepts the connection and never answers.
    if (mode === "hang") return;
    if (
      mode === "unauthorized" ||
      (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`)
    ) {
      sendJson(res, 401, {
        error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" },
      });
      return;
    }
    if (req.method === "GET" && path === "/v1/models") {
      const ids = options.models ?? ["replay-model"];
      sendJson(res, 200, { object: "list", data: ids.map((id) => ({ id, object: "model", owned_by: "replay" })) });
      return;
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: "invalid_request_error" } });
      return;
    }
    const request = (body ?? {}) as { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } };
    const model = request.model ?? "";
    if (mode === "model-not-found" || (options.models !== undefined && !options.models.includes(model))) {
      sendJson(res, 404, {
        error: {
          message: `The model \`${model}\` does not exist or you do not have access to it.`,
          type: "invalid_request_error",
          code: "model_not_found",
        },
      });
      return;
    }
    const failure = failures.shift();
    if (failure) {
      const text = JSON.stringify(
        failure.body ?? { error: { message: `replayed HTTP ${failure.status}`, type: "server_error" } },
      );
      res.writeHead(failure.status, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...failure.headers,
      });
      res.end(text);
      return;
    }
    const answer = responder?.(body) ?? answers[Math.min(served, answers.length - 1)] ?? { content: "" };
    served++;
    const usage = {
      prompt_tokens: answer.promptTokens ?? Math.max(1, Math.ceil(raw.length / 4)),
      completion_tokens: answer.completionTokens ?? Math.max(1, Math.ceil(answer.content.length / 4)),
    };
    const fullUsage = { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens };
    const id = `chatcmpl-replay-${served}`;
    const created = Math.floor(Date.now() / 1000);
    const finishReason = answer.finishReason ?? "stop";

    if (request.stream === true) {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-cache",
        connection: "keep-alive",
      });
      const chunk = (delta: object, finish: string | null, extra: object = {}) =>
        `data: ${JSON.stringify({
          id,
          object: "chat.completion.chunk",
          created,
          model,
          choices: [{ index: 0, delta, finish_reason: finish }],
          ...extra,
        })}\n\n`;
      res.write(chunk({ role: "assistant", content: "" }, null));
      if (mode === "cut-stream" || mode === "malformed-stream") {
        const half = answer.content.slice(0, Math.floor(answer.content.length / 2));
        for (let i = 0; i < half.length; i += chunkSize)
          res.write(chunk({ content: half.slice(i, i + chunkSize) }, null));
        if (mode === "malformed-stream") {
          res.end('data: {"id": "broken", "choices": [{"delta": {"content": "unterminated\n\n');
        } else {
          // The connection drops mid-answer: no finish reason, no [DONE].
          await new Promise((resolve) => setTimeout(resolve, 20));
          res.socket?.destroy();
        }
        return;
      }
      for (let i = 0; i < answer.content.length; i += chunkSize) {
        res.write(chunk({ content: answer.content.slice(i, i + chunkSize) }, null));
        if (options.chunkDelayMs) await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
      }
      res.write(chunk({}, finishReason));
      if (request.stream_options?.include_usage === true) {
        res.write(
          `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: fullUsage })}\n\n`,
        );
      }
      res.end("data: [DONE]\n\n");
      return;
    }
    sendJson(res, 200, {
      id,
      object: "chat.completion",
      created,
      model,
      choices: [{ index: 0, message: { role: "assistant", content: answer.content }, finish_reason: finishReason }],
      usage: fullUsage,
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    setMode: (next) => {
      mode = next;
    },
    setAnswers: (next) => {
      answers = next;
      served = 0;
    },
    failNext: (next) => {
      failures = [...next];
    },
    setResponder: (next) => {
      responder = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep sockets open; without this close() would wait for them forever.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
