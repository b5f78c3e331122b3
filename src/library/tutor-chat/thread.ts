import type { Store } from "../../store/index.js";
import type { Citation } from "../../tutor/chat/citations.js";
import type { ThreadMessage } from "../../tutor/chat/types.js";

export type { ThreadMessage };

/** The thread of a concept in an episode, oldest first. */
export function loadThread(store: Store, conceptId: number, episodeId: string): ThreadMessage[] {
  const rows = store.db
    .prepare(
      `SELECT id, role, content, citations, provider, model, input_tokens AS inputTokens,
         output_tokens AS outputTokens, cached, created_at AS createdAt
       FROM tutor_message WHERE concept_id = ? AND episode_id = ? ORDER BY id`,
    )
    .all(conceptId, episodeId) as (Omit<ThreadMessage, "citations" | "cached"> & {
    citations: string;
    cached: number;
  })[];
  return rows.map((r) => ({ ...r, citations: parseCitations(r.citations), cached: r.cached === 1 }));
}

/** What a finished turn adds to the thread. */
export interface NewExchange {
  conceptId: number;
  episodeId: string;
  question: string;
  answer: string;
  citations: Citation[];
  provider: string;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  cached: boolean;
}

/** Keeps the learner's question and the tutor's answer together: one transaction, both or neither. */
export function saveExchange(store: Store, turn: NewExchange): { userId: number; assistantId: number } {
  const insert = store.db.prepare(
    `INSERT INTO tutor_message (concept_id, episode_id, role, content, citations, provider, model, input_tokens,
       output_tokens, cached, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return store.db.transaction(() => {
    const at = store.now().toISOString();
    const userId = Number(
      insert.run(turn.conceptId, turn.episodeId, "user", turn.question, "[]", null, null, null, null, 0, at)
        .lastInsertRowid,
    );
    const assistantId = Number(
      insert.run(
        turn.conceptId,
        turn.episodeId,
        "assistant",
        turn.answer,
        JSON.stringify(turn.citations),
        turn.provider,
        turn.model,
        turn.inputTokens,
        turn.outputTokens,
        turn.cached ? 1 : 0,
        store.now().toISOString(),
      ).lastInsertRowid,
    );
    return { userId, assistantId };
  })();
}

/** Tokens the tutor spent on an episode, all concepts together (cached answers cost none). */
export function tutorTokensOfEpisode(store: Store, episodeId: string): { inputTokens: number; outputTokens: number } {
  const row = store.db
    .prepare(
      `SELECT COALESCE(SUM(input_tokens), 0) AS inputTokens, COALESCE(SUM(output_tokens), 0) AS outputTokens
       FROM tutor_message WHERE episode_id = ? AND role = 'assistant'`,
    )
    .get(episodeId) as { inputTokens: number; outputTokens: number };
  return row;
}

function parseCitations(json: string): Citation[] {
  try {
    const value = JSON.parse(json) as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (c): c is Citation =>
        typeof c === "object" && c !== null && typeof c.segmentId === "number" && typeof c.startMs === "number",
    );
  } catch {
    return [];
  }
}
