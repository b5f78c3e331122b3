import { describe, expect, it } from "vitest";
import { parseModelJson } from "./json-output.js";
import { createThinkFilter, stripThinking } from "./think.js";

describe("<think> blocks", () => {
  it("are removed from a whole answer, closed or not", () => {
    expect(stripThinking("<think>plan</think>\n\nAnswer.")).toBe("Answer.");
    expect(stripThinking("Answer. <THINK>still thinking")).toBe("Answer. ");
  });

  it("are held back from a stream even when tags are split across deltas", () => {
    const filter = createThinkFilter();
    const deltas = ["<thi", "nk>The user", " wants</th", "ink>\n\nHere", " is <", "b>bold</b>."];
    const out = deltas.map((d) => filter.push(d)).join("") + filter.flush();
    expect(out).toBe("Here is <b>bold</b>.");
  });
});

describe("model JSON", () => {
  it("is read from fences, chatter and think blocks", () => {
    expect(parseModelJson('Sure! Here it is:\n{"a": {"b": "}"}} Hope it helps.')).toEqual({ a: { b: "}" } });
    expect(parseModelJson('<think>{"no": 1}</think>```json\n{"a": 1}\n```')).toEqual({ a: 1 });
  });
  it("fails with a message when there is none", () => {
    expect(() => parseModelJson("no json here")).toThrow(/not a JSON object/);
  });
});
