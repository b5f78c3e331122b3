import { useCallback, useEffect, useRef, useState } from "react";
import type { ApiErrorBody, ImportProblemJson } from "../../../src/server/contract/index.js";

/**
 * The one way the web app talks to the server. Every failure becomes an ApiError whose message is
 * a sentence the learner can act on: the server's own sentence, or "the server cannot be reached".
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** True when the server could not be reached at all. */
    readonly offline = false,
    /** Set when an import failed: where and why, for a sentence in the learner's language. */
    readonly importProblem: ImportProblemJson | null = null,
  ) {
    super(message);
  }
}

async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body !== undefined && !(body instanceof Blob) ? { "content-type": "application/json" } : undefined,
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
      credentials: "same-origin",
      ...init,
    });
  } catch {
    throw new ApiError("offline", 0, true);
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const body = json as ApiErrorBody | null;
    const message = body?.error ?? `the server answered ${response.status}`;
    throw new ApiError(message, response.status, false, body?.importProblem ?? null);
  }
  return json as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>("PUT", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  del: <T>(path: string) => request<T>("DELETE", path),
  /** Sends a file's bytes (Content-Type: application/octet-stream). */
  upload: <T>(path: string, file: Blob) =>
    request<T>("POST", path, file, { headers: { "content-type": "application/octet-stream" } }),
};

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Fetches again (keeps showing the old data meanwhile). */
  reload: () => void;
  /** Replaces the data locally, e.g. after a successful save. */
  setData: (update: T | ((old: T | null) => T)) => void;
}

/** GETs `path` (null: nothing yet) and keeps the answer; refetches when the path changes. */
export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const current = useRef(path);
  current.current = path;
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the reload trigger
  useEffect(() => {
    if (path === null) return;
    let live = true;
    setLoading(true);
    api
      .get<T>(path)
      .then((value) => {
        if (!live) return;
        setDataState(value);
        setError(null);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof ApiError ? e : new ApiError(String(e), 0));
      })
      .finally(() => {
        if (live) setLoading(false);
      });
    return () => {
      live = false;
    };
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((update: T | ((old: T | null) => T)) => {
    setDataState((old) => (typeof update === "function" ? (update as (o: T | null) => T)(old) : update));
  }, []);
  return { data, error, loading, reload, setData };
}
