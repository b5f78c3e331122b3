import type { StanceCellJson, StanceCellResponse, StanceTopicResponse } from "../../../../src/server/contract/index.js";
import { ApiError, api } from "../../api/client.js";
import { clearDraft, loadDrafts, type StanceDraft, type StanceDrafts, sameDraft, writeDraft } from "./stance-drafts.js";

/** Quiet time after the last keystroke before a field is sent. */
export const AUTOSAVE_MS = 700;
/** How long to wait before sending again after the server could not be reached. */
const RETRY_MS = 5_000;

export interface AutosaveListener {
  /**
   * The keys still waiting for the server, the last error (null once a save went through), and
   * whether anything was saved since the page opened.
   */
  onStatus(pending: string[], error: ApiError | null, savedOnce: boolean): void;
  /** A cell was saved: its check of the quote is fresh. */
  onCellSaved(topicId: number, cell: StanceCellJson): void;
  /** The server no longer has this row (deleted in another tab): its drafts were dropped. */
  onTopicGone(topicId: number): void;
}

/**
 * Sends the stance table's edits to the server, one field group at a time, after a pause in
 * typing. Every edit is a draft in localStorage until the server has answered a save of exactly
 * that text; one request per field group is in flight at a time, so answers never arrive out of
 * order.
 */
export class StanceAutosave {
  private readonly drafts: StanceDrafts;
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<string>();
  private readonly sendAgain = new Set<string>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private error: ApiError | null = null;
  private savedOnce = false;
  private disposed = false;

  constructor(
    private readonly episodeId: string,
    private readonly listener: AutosaveListener,
  ) {
    this.drafts = loadDrafts(episodeId);
  }

  /** The drafts left from an earlier visit (to show over the server's table). */
  pendingDrafts(): StanceDrafts {
    return { ...this.drafts };
  }

  draft(key: string): StanceDraft | undefined {
    return this.drafts[key];
  }

  /** Records an edit and sends it after `delay` ms of quiet. */
  put(key: string, draft: StanceDraft, delay = AUTOSAVE_MS): void {
    this.drafts[key] = draft;
    writeDraft(this.episodeId, key, draft);
    this.schedule(key, delay);
    this.notify();
  }

  /** Sends every draft now (after loading the table, or when the learner asks to try again). */
  sendAll(): void {
    for (const key of Object.keys(this.drafts)) this.schedule(key, 0);
  }

  /** Forgets the drafts of a row (deleted, or gone from the server). */
  dropTopic(topicId: number): void {
    for (const [key, draft] of Object.entries(this.drafts)) {
      if (draft.topicId !== topicId) continue;
      delete this.drafts[key];
      clearDraft(this.episodeId, key);
      clearTimeout(this.timers.get(key));
      this.timers.delete(key);
    }
    this.notify();
  }

  /** Leaving the page: what is still waiting is sent now (and stays a draft until answered). */
  dispose(): void {
    for (const [key, timer] of this.timers) {
      clearTimeout(timer);
      void this.send(key);
    }
    this.timers.clear();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.disposed = true;
  }

  private schedule(key: string, delay: number): void {
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.send(key);
      }, delay),
    );
  }

  private notify(): void {
    if (!this.disposed) this.listener.onStatus(Object.keys(this.drafts), this.error, this.savedOnce);
  }

  private async send(key: string): Promise<void> {
    const draft = this.drafts[key];
    if (!draft) return;
    if (this.inFlight.has(key)) {
      this.sendAgain.add(key);
      return;
    }
    this.inFlight.add(key);
    const base = `/api/episodes/${encodeURIComponent(this.episodeId)}/stances/${draft.topicId}`;
    try {
      if (draft.kind === "cell") {
        const { cell } = await api.put<StanceCellResponse>(`${base}/cell`, draft.cell);
        if (!this.disposed) this.listener.onCellSaved(draft.topicId, cell);
      } else {
        await api.patch<StanceTopicResponse>(base, draft.change);
      }
      if (sameDraft(this.drafts[key], draft)) delete this.drafts[key];
      clearDraft(this.episodeId, key, draft);
      this.error = null;
      this.savedOnce = true;
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(String(e), 0);
      if (error.status === 404) {
        this.dropTopic(draft.topicId);
        if (!this.disposed) this.listener.onTopicGone(draft.topicId);
      } else {
        this.error = error;
        // A lost server comes back: try again by itself. A refused text (400) waits for the next edit.
        if ((error.offline || error.status >= 500) && !this.retryTimer && !this.disposed) {
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.sendAll();
          }, RETRY_MS);
        }
      }
    } finally {
      this.inFlight.delete(key);
      this.notify();
      if (
        this.sendAgain.delete(key) ||
        (this.drafts[key] && !sameDraft(this.drafts[key], draft) && !this.timers.has(key))
      ) {
        void this.send(key);
      }
    }
  }
}
