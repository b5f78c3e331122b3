import { ImportError } from "../core/index.js";
import { MAX_IMPORT_BYTES } from "../ingest/index.js";

export interface FetchedSource {
  bytes: Uint8Array;
  contentType: string | null;
  url: string;
}

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * Downloads a transcript, feed or chapters file. Only http and https; a size limit enforced while
 * reading (a server may lie about Content-Length); a timeout that names the URL.
 */
export async function fetchSource(url: string, options: FetchOptions = {}): Promise<FetchedSource> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const maxBytes = options.maxBytes ?? MAX_IMPORT_BYTES;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ImportError("this is not a valid URL", { file: url });
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new ImportError(`only http and https URLs can be imported, not ${parsed.protocol.replace(":", "")}`, {
      file: url,
    });
  }
  let response: Response;
  try {
    response = await fetch(parsed, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: "follow",
      headers: { "user-agent": "deeplisten/0.1 (+local study tool)" },
    });
  } catch (error) {
    const reason =
      error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")
        ? `the server did not answer within ${Math.round(timeoutMs / 1000)} s`
        : `the server could not be reached (${describeFetchError(error)})`;
    throw new ImportError(reason, { file: url });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new ImportError(`the server answered ${response.status} ${response.statusText || ""}`.trim(), { file: url });
  }
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(url, declared, maxBytes);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    if (response.body) {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        total += chunk.length;
        if (total > maxBytes) throw tooLarge(url, total, maxBytes);
        chunks.push(chunk);
      }
    }
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`the download broke off (${describeFetchError(error)})`, { file: url });
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.length;
  }
  return { bytes, contentType: response.headers.get("content-type"), url: response.url || url };
}

function tooLarge(url: string, size: number, max: number): ImportError {
  return new ImportError(
    `the download is larger than ${Math.round(max / 1024 / 1024)} MB (${Math.round(size / 1024 / 1024)} MB so far); a transcript is much smaller`,
    { file: url },
  );
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}
