import type { TutorAskBody, TutorStreamEvent, TutorTurnJson } from "../../../src/server/contract/index.js";
import { ApiError } from "../api/client.js";

/**
 * Asks the tutor one question and reads the streamed answer (Server-Sent Events): `onDelta` gets the
 * text as it is written; the promise resolves with the finished turn (citations, tokens). Errors are
 * ApiErrors with the server's sentence, like every other call of the app.
 */
export async function askTutor(
  path: string,
  body: TutorAskBody,
  onDelta: (text: string) => void,
  signal?: AbortSignal,
): Promise<TutorTurnJson> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      ...(signal ? { signal } : {}),
    });
  } catch {
    throw new ApiError("offline", 0, true);
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    let message = `the server answered ${response.status}`;
    try {
      message = (JSON.parse(text) as { error?: string }).error ?? message;
    } catch {
      // Not JSON: keep the status sentence.
    }
    throw new ApiError(message, response.status);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    let chunk: ReadableStreamReadResult<string>;
    try {
      chunk = await reader.read();
    } catch {
      throw new ApiError("offline", 0, true);
    }
    if (chunk.done) break;
    buffer += chunk.value;
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (!data) continue;
      const event = JSON.parse(data) as TutorStreamEvent;
      if (event.type === "delta") onDelta(event.text);
      else if (event.type === "done") return event.turn;
      else throw new ApiError(event.message, 500);
    }
  }
  throw new ApiError("the answer stopped before it was finished; ask again", 0);
}
