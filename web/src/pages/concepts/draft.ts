/**
 * The explanation being written, kept in localStorage until it is submitted: a reload, a crash or
 * a closed tab never loses what the learner typed.
 */
export interface ExplanationDraft {
  text: string;
  confidence: number | null;
}

function draftKey(episodeId: string, conceptId: number): string {
  return `deeplisten.explain-draft.${episodeId}.${conceptId}`;
}

export function loadDraft(episodeId: string, conceptId: number): ExplanationDraft {
  try {
    const raw = localStorage.getItem(draftKey(episodeId, conceptId));
    if (!raw) return { text: "", confidence: null };
    const value = JSON.parse(raw) as Partial<ExplanationDraft>;
    const confidence = Number.isInteger(value.confidence) ? (value.confidence as number) : null;
    return {
      text: typeof value.text === "string" ? value.text : "",
      confidence: confidence !== null && confidence >= 1 && confidence <= 5 ? confidence : null,
    };
  } catch {
    return { text: "", confidence: null };
  }
}

export function saveDraft(episodeId: string, conceptId: number, draft: ExplanationDraft): void {
  try {
    if (!draft.text && draft.confidence === null) localStorage.removeItem(draftKey(episodeId, conceptId));
    else localStorage.setItem(draftKey(episodeId, conceptId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the text is still on screen; nothing else to do.
  }
}

export function clearDraft(episodeId: string, conceptId: number): void {
  try {
    localStorage.removeItem(draftKey(episodeId, conceptId));
  } catch {
    // See saveDraft.
  }
}
