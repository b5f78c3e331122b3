import type { SaveStanceCellRequest, UpdateStanceTopicRequest } from "../../../../src/server/contract/index.js";

/**
 * What the learner typed in the stance table and the server has not acknowledged yet. Kept in
 * localStorage from the first keystroke, so a reload, a crash or a lost server loses nothing; a
 * draft is removed only when the server answered a save of exactly that text.
 */
export type StanceDraft =
  | { kind: "topic"; topicId: number; change: UpdateStanceTopicRequest }
  | { kind: "cell"; topicId: number; cell: SaveStanceCellRequest };

export type StanceDrafts = Record<string, StanceDraft>;

/** The key of a row's own fields (title, synthesis). */
export function topicKey(topicId: number): string {
  return `topic:${topicId}`;
}

/** The key of one speaker's cell in a row. */
export function cellKey(topicId: number, speaker: string): string {
  return `cell:${topicId}:${speaker}`;
}

function storageKey(episodeId: string): string {
  return `deeplisten.stance-drafts.${episodeId}`;
}

/** The episode's unsaved drafts ({} when none, or when the stored value is unreadable). */
export function loadDrafts(episodeId: string): StanceDrafts {
  try {
    const raw = localStorage.getItem(storageKey(episodeId));
    const value = raw ? (JSON.parse(raw) as unknown) : null;
    return value && typeof value === "object" ? (value as StanceDrafts) : {};
  } catch {
    return {};
  }
}

/**
 * Records one draft. Read-modify-write of the one key, so a page being left and the page being
 * opened (or two tabs) never overwrite each other's drafts.
 */
export function writeDraft(episodeId: string, key: string, draft: StanceDraft): void {
  const all = loadDrafts(episodeId);
  all[key] = draft;
  saveAll(episodeId, all);
}

/** Removes a draft the server acknowledged: only when it still holds what was sent (`sent`). */
export function clearDraft(episodeId: string, key: string, sent?: StanceDraft): void {
  const all = loadDrafts(episodeId);
  if (!(key in all) || (sent && !sameDraft(all[key], sent))) return;
  delete all[key];
  saveAll(episodeId, all);
}

function saveAll(episodeId: string, drafts: StanceDrafts): void {
  try {
    if (Object.keys(drafts).length === 0) localStorage.removeItem(storageKey(episodeId));
    else localStorage.setItem(storageKey(episodeId), JSON.stringify(drafts));
  } catch {
    // A full or disabled storage only loses the reload safety net; the save to the server goes on.
  }
}

/** The text typed into the "new topic" box, kept across a reload too. */
export function loadNewTopicDraft(episodeId: string): string {
  try {
    return localStorage.getItem(`${storageKey(episodeId)}.new`) ?? "";
  } catch {
    return "";
  }
}

export function storeNewTopicDraft(episodeId: string, text: string): void {
  try {
    if (text) localStorage.setItem(`${storageKey(episodeId)}.new`, text);
    else localStorage.removeItem(`${storageKey(episodeId)}.new`);
  } catch {
    // See saveAll.
  }
}

/** True when two drafts would send the same request. */
export function sameDraft(a: StanceDraft | undefined, b: StanceDraft | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
