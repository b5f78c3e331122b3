import { useCallback, useEffect, useRef, useState } from "react";
import type { MapTreeJson, SaveMapResponse } from "../../../../src/server/contract/index.js";
import { ApiError, api } from "../../api/client.js";

/** How long after the last edit the map is sent: a burst of typing is one save. */
const SAVE_DELAY_MS = 700;
/** How soon a save that could not reach the server is tried again. */
const RETRY_MS = 5_000;

export type SaveStatus =
  | { state: "draft" }
  | { state: "saved" }
  | { state: "pending" }
  | { state: "saving" }
  | { state: "restored" }
  | { state: "offline" }
  | { state: "error"; detail: string }
  | { state: "stale" };

/** An edit not yet confirmed by the server, as kept in this browser. */
export interface LocalCopy {
  tree: MapTreeJson;
  /** The revision the edit started from. */
  baseRevision: number;
  savedAt: string;
}

const storageKey = (episodeId: string) => `deeplisten.map.${episodeId}`;

/** The unsaved copy this browser keeps of an episode's map, if any. */
export function readLocalCopy(episodeId: string): LocalCopy | null {
  try {
    const raw = localStorage.getItem(storageKey(episodeId));
    const copy = raw ? (JSON.parse(raw) as LocalCopy) : null;
    return copy && typeof copy.baseRevision === "number" && copy.tree?.nodeData ? copy : null;
  } catch {
    return null;
  }
}

function writeLocalCopy(episodeId: string, copy: LocalCopy): void {
  try {
    localStorage.setItem(storageKey(episodeId), JSON.stringify(copy));
  } catch {
    // A full storage must not stop the save to the server; the server copy is the real one.
  }
}

export function clearLocalCopy(episodeId: string): void {
  localStorage.removeItem(storageKey(episodeId));
}

export interface MapSaver {
  status: SaveStatus;
  /** Records an edit: kept in this browser at once, sent to the server shortly after. */
  change: (tree: MapTreeJson) => void;
  /** Starts over from a map the server has at `revision` (after a load or a reload). */
  reset: (revision: number, status?: SaveStatus) => void;
  /** After a conflict: overwrite the newer map with this one. */
  keepMine: () => Promise<void>;
}

/**
 * Saves the learner's map as they edit: every edit goes to localStorage first (nothing is lost on a
 * reload, a crash or a lost server), then a debounced PUT with the revision it started from. A 409
 * (another tab saved) stops saving until the learner chooses which map to keep.
 */
export function useMapSaver(episodeId: string): MapSaver {
  const path = `/api/episodes/${encodeURIComponent(episodeId)}/map`;
  const [status, setStatus] = useState<SaveStatus>({ state: "draft" });
  const revision = useRef(0);
  const pending = useRef<MapTreeJson | null>(null);
  const inFlight = useRef(false);
  const stale = useRef(false);
  const timer = useRef<number | undefined>(undefined);

  const schedule = useCallback((delay: number, run: () => void) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(run, delay);
  }, []);

  const flush = useCallback(async (): Promise<void> => {
    if (inFlight.current || stale.current || !pending.current) return;
    const tree = pending.current;
    pending.current = null;
    inFlight.current = true;
    setStatus({ state: "saving" });
    try {
      const saved = await api.put<SaveMapResponse>(path, { tree, baseRevision: revision.current });
      revision.current = saved.revision;
      if (pending.current) {
        writeLocalCopy(episodeId, {
          tree: pending.current,
          baseRevision: revision.current,
          savedAt: new Date().toISOString(),
        });
        schedule(SAVE_DELAY_MS, () => void flush());
        setStatus({ state: "pending" });
      } else {
        clearLocalCopy(episodeId);
        setStatus({ state: "saved" });
      }
    } catch (error) {
      pending.current = pending.current ?? tree;
      if (error instanceof ApiError && error.status === 409) {
        stale.current = true;
        setStatus({ state: "stale" });
      } else if (error instanceof ApiError && error.offline) {
        setStatus({ state: "offline" });
        schedule(RETRY_MS, () => void flush());
      } else {
        setStatus({ state: "error", detail: error instanceof Error ? error.message : String(error) });
      }
    } finally {
      inFlight.current = false;
    }
  }, [episodeId, path, schedule]);

  const change = useCallback(
    (tree: MapTreeJson) => {
      pending.current = tree;
      writeLocalCopy(episodeId, { tree, baseRevision: revision.current, savedAt: new Date().toISOString() });
      if (stale.current) return;
      setStatus({ state: "pending" });
      schedule(SAVE_DELAY_MS, () => void flush());
    },
    [episodeId, flush, schedule],
  );

  const reset = useCallback((rev: number, next: SaveStatus = { state: "saved" }) => {
    window.clearTimeout(timer.current);
    revision.current = rev;
    pending.current = null;
    stale.current = next.state === "stale";
    setStatus(next);
  }, []);

  const keepMine = useCallback(async () => {
    const { map } = await api.get<{ map: { revision: number } | null }>(path);
    revision.current = map?.revision ?? 0;
    stale.current = false;
    const copy = readLocalCopy(episodeId);
    pending.current = pending.current ?? copy?.tree ?? null;
    await flush();
  }, [episodeId, flush, path]);

  // A tab being closed still sends what it has (the local copy covers the case where it cannot).
  useEffect(() => {
    const onHide = () => {
      if (!pending.current || stale.current || inFlight.current) return;
      void fetch(path, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ tree: pending.current, baseRevision: revision.current }),
        keepalive: true,
      });
    };
    window.addEventListener("pagehide", onHide);
    return () => {
      window.removeEventListener("pagehide", onHide);
      window.clearTimeout(timer.current);
    };
  }, [path]);

  return { status, change, reset, keepMine };
}
