import { useCallback, useEffect, useRef, useState } from "react";
import type {
  StanceCellJson,
  StancesResponse,
  StanceTopicJson,
  StanceTopicResponse,
  UpdateStanceTopicRequest,
} from "../../../../src/server/contract/index.js";
import { ApiError, api } from "../../api/client.js";
import { StanceAutosave } from "./stance-autosave.js";
import { cellKey, type StanceDrafts, topicKey } from "./stance-drafts.js";

/** The fields of a cell the learner edits. */
export type CellEdit = Partial<Pick<StanceCellJson, "position" | "quote" | "startMs" | "segmentId">>;

export interface SaveStatus {
  /** Draft keys the server has not acknowledged yet. */
  pending: string[];
  error: ApiError | null;
  /** Something was saved since the page opened. */
  savedOnce: boolean;
}

export interface StanceTable {
  data: StancesResponse | null;
  loadError: ApiError | null;
  status: SaveStatus;
  /** A row was deleted in another tab and its unsaved text dropped. */
  topicGone: boolean;
  editTopic: (topicId: number, change: UpdateStanceTopicRequest) => void;
  editCell: (topicId: number, speaker: string, edit: CellEdit) => void;
  /** Creates a row (throws the server's ApiError). */
  addTopic: (title: string, clashIdx?: number | null) => Promise<StanceTopicJson>;
  deleteTopic: (topicId: number) => Promise<void>;
  moveTopic: (topicId: number, delta: -1 | 1) => Promise<void>;
  retry: () => void;
}

function emptyCell(speaker: string): StanceCellJson {
  return { speaker, position: "", quote: "", startMs: null, segmentId: null, updatedAt: "", check: null };
}

function withCell(topic: StanceTopicJson, speaker: string, edit: CellEdit): StanceTopicJson {
  const old = topic.cells.find((c) => c.speaker === speaker) ?? emptyCell(speaker);
  const cell = { ...old, ...edit };
  const cells = topic.cells.some((c) => c.speaker === speaker)
    ? topic.cells.map((c) => (c.speaker === speaker ? cell : c))
    : [...topic.cells, cell];
  return { ...topic, cells };
}

/** The server's table with the drafts of an earlier visit laid over it (what the learner last typed wins). */
function applyDrafts(table: StancesResponse, drafts: StanceDrafts): StancesResponse {
  let topics = table.topics;
  for (const draft of Object.values(drafts)) {
    topics = topics.map((t) => {
      if (t.id !== draft.topicId) return t;
      if (draft.kind === "topic") return { ...t, ...draft.change };
      return withCell(t, draft.cell.speaker, draft.cell);
    });
  }
  const speakers = [...table.speakers];
  for (const draft of Object.values(drafts)) {
    if (draft.kind === "cell" && !speakers.some((s) => s.name === draft.cell.speaker)) {
      speakers.push({ name: draft.cell.speaker, former: true });
    }
  }
  return { speakers, topics };
}

/**
 * The stance table of an episode, edited locally at once and saved as the learner types (see
 * StanceAutosave); rows are added, deleted and reordered with one request each.
 */
export function useStanceTable(episodeId: string): StanceTable {
  const base = `/api/episodes/${encodeURIComponent(episodeId)}/stances`;
  const [data, setDataState] = useState<StancesResponse | null>(null);
  const dataRef = useRef<StancesResponse | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState<SaveStatus>({ pending: [], error: null, savedOnce: false });
  const [topicGone, setTopicGone] = useState(false);
  const saver = useRef<StanceAutosave | null>(null);

  // Edits compute the next table from the latest one synchronously, so fast typing never drops a key.
  const setData = useCallback((update: (old: StancesResponse) => StancesResponse) => {
    if (!dataRef.current) return;
    dataRef.current = update(dataRef.current);
    setDataState(dataRef.current);
  }, []);

  useEffect(() => {
    let live = true;
    const autosave = new StanceAutosave(episodeId, {
      onStatus: (pending, error, savedOnce) => setStatus({ pending, error, savedOnce }),
      onCellSaved: (topicId, saved) =>
        setData((table) => ({
          ...table,
          topics: table.topics.map((t) =>
            t.id === topicId
              ? {
                  ...t,
                  cells: t.cells.map((c) =>
                    c.speaker === saved.speaker ? { ...c, check: saved.check, updatedAt: saved.updatedAt } : c,
                  ),
                }
              : t,
          ),
        })),
      onTopicGone: (topicId) => {
        setData((table) => ({ ...table, topics: table.topics.filter((t) => t.id !== topicId) }));
        setTopicGone(true);
      },
    });
    saver.current = autosave;
    api
      .get<StancesResponse>(base)
      .then((table) => {
        if (!live) return;
        const drafts = autosave.pendingDrafts();
        for (const draft of Object.values(drafts)) {
          if (!table.topics.some((t) => t.id === draft.topicId)) {
            autosave.dropTopic(draft.topicId);
            setTopicGone(true);
          }
        }
        dataRef.current = applyDrafts(table, autosave.pendingDrafts());
        setDataState(dataRef.current);
        setLoadError(null);
        autosave.sendAll();
      })
      .catch((e: unknown) => {
        if (live) setLoadError(e instanceof ApiError ? e : new ApiError(String(e), 0));
      });
    return () => {
      live = false;
      autosave.dispose();
    };
  }, [episodeId, base, setData]);

  const editTopic = useCallback(
    (topicId: number, change: UpdateStanceTopicRequest) => {
      setData((table) => ({
        ...table,
        topics: table.topics.map((t) => (t.id === topicId ? { ...t, ...change } : t)),
      }));
      const autosave = saver.current;
      if (!autosave) return;
      const key = topicKey(topicId);
      const old = autosave.draft(key);
      const merged: UpdateStanceTopicRequest = { ...(old?.kind === "topic" ? old.change : {}), ...change };
      // A blank title is not sent (the server keeps the last one); the synthesis may be emptied.
      if (merged.title !== undefined && !merged.title.trim()) {
        merged.title = old?.kind === "topic" ? old.change.title : undefined;
        if (merged.title === undefined) delete merged.title;
      }
      if (Object.keys(merged).length > 0) autosave.put(key, { kind: "topic", topicId, change: merged });
    },
    [setData],
  );

  const editCell = useCallback(
    (topicId: number, speaker: string, edit: CellEdit) => {
      setData((table) => ({
        ...table,
        topics: table.topics.map((t) => (t.id === topicId ? withCell(t, speaker, edit) : t)),
      }));
      const cell = dataRef.current?.topics.find((t) => t.id === topicId)?.cells.find((c) => c.speaker === speaker);
      if (!cell) return;
      saver.current?.put(cellKey(topicId, speaker), {
        kind: "cell",
        topicId,
        cell: {
          speaker,
          position: cell.position,
          quote: cell.quote,
          startMs: cell.startMs,
          segmentId: cell.segmentId,
        },
      });
    },
    [setData],
  );

  const addTopic = useCallback(
    async (title: string, clashIdx: number | null = null) => {
      const { topic } = await api.post<StanceTopicResponse>(base, { title, clashIdx });
      setData((table) => ({ ...table, topics: [...table.topics, topic] }));
      return topic;
    },
    [base, setData],
  );

  const deleteTopic = useCallback(
    async (topicId: number) => {
      saver.current?.dropTopic(topicId);
      try {
        await api.del(`${base}/${topicId}`);
      } catch (e) {
        // Already gone is what was wanted.
        if (!(e instanceof ApiError && e.status === 404)) throw e;
      }
      setData((table) => ({ ...table, topics: table.topics.filter((t) => t.id !== topicId) }));
    },
    [base, setData],
  );

  const moveTopic = useCallback(
    async (topicId: number, delta: -1 | 1) => {
      const before = dataRef.current;
      if (!before) return;
      const from = before.topics.findIndex((t) => t.id === topicId);
      const to = from + delta;
      if (from < 0 || to < 0 || to >= before.topics.length) return;
      const topics = [...before.topics];
      const [moved] = topics.splice(from, 1);
      if (moved) topics.splice(to, 0, moved);
      setData((table) => ({ ...table, topics }));
      try {
        await api.put(`${base}/order`, { topicIds: topics.map((t) => t.id) });
      } catch (e) {
        // Back to the old order, keeping whatever was typed meanwhile.
        const order = before.topics.map((t) => t.id);
        setData((table) => ({
          ...table,
          topics: [...table.topics].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)),
        }));
        throw e;
      }
    },
    [base, setData],
  );

  const retry = useCallback(() => saver.current?.sendAll(), []);

  return { data, loadError, status, topicGone, editTopic, editCell, addTopic, deleteTopic, moveTopic, retry };
}
