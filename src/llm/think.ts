/**
 * Reasoning models served through OpenAI-compatible servers (DeepSeek R1, Qwen3 in Ollama) often put
 * their chain of thought in the answer as `<think>…</think>`. The learner should see the answer only.
 */

const THINK_BLOCK = /<think>[\s\S]*?<\/think>/gi;
const OPEN = "<think>";
const CLOSE = "</think>";

/** The text without its `<think>` blocks; an unclosed block at the end is dropped too. */
export function stripThinking(text: string): string {
  const closed = text.replace(THINK_BLOCK, "");
  const open = closed.toLowerCase().indexOf(OPEN);
  return (open >= 0 ? closed.slice(0, open) : closed).replace(/^\s+/, "");
}

/**
 * A filter for streamed text that holds back whatever is inside `<think>…</think>`, even when a tag
 * is split across deltas. `push` returns what may be shown now; `flush` the rest at the end.
 */
export function createThinkFilter(): { push: (delta: string) => string; flush: () => string } {
  let pending = "";
  let inside = false;
  let started = false;
  const emit = (text: string) => {
    // Answers after a think block usually start with blank lines.
    const out = started ? text : text.replace(/^\s+/, "");
    if (out) started = true;
    return out;
  };
  return {
    push(delta) {
      pending += delta;
      let out = "";
      for (;;) {
        const lower = pending.toLowerCase();
        if (inside) {
          const end = lower.indexOf(CLOSE);
          if (end < 0) {
            // Keep only what could be the start of the closing tag.
            pending = pending.slice(Math.max(0, pending.length - CLOSE.length + 1));
            return emit(out);
          }
          pending = pending.slice(end + CLOSE.length);
          inside = false;
          continue;
        }
        const start = lower.indexOf(OPEN);
        if (start >= 0) {
          out += pending.slice(0, start);
          pending = pending.slice(start + OPEN.length);
          inside = true;
          continue;
        }
        // Hold back a tail that could be the beginning of "<think>".
        let keep = 0;
        for (let n = Math.min(OPEN.length - 1, pending.length); n > 0; n--) {
          if (OPEN.startsWith(lower.slice(lower.length - n))) {
            keep = n;
            break;
          }
        }
        out += pending.slice(0, pending.length - keep);
        pending = pending.slice(pending.length - keep);
        return emit(out);
      }
    },
    flush() {
      const rest = inside ? "" : pending;
      pending = "";
      return emit(rest);
    },
  };
}
