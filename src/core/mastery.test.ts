import { describe, expect, it } from "vitest";
import { type MasteryEvent, type MasteryState, nextMasteryState } from "./mastery.js";

const run = (events: MasteryEvent[], from: MasteryState = "new") => events.reduce(nextMasteryState, from);

describe("the mastery gate", () => {
  it("goes new -> marked -> learning -> verified only through a verified explanation", () => {
    expect(run([{ type: "mark" }])).toBe("marked");
    expect(run([{ type: "mark" }, { type: "study" }])).toBe("learning");
    expect(run([{ type: "mark" }, { type: "study" }, { type: "explain", verdict: "partial" }])).toBe("learning");
    expect(run([{ type: "mark" }, { type: "explain", verdict: "misconception" }])).toBe("learning");
    expect(run([{ type: "mark" }, { type: "study" }, { type: "explain", verdict: "verified" }])).toBe("verified");
  });

  it("does not let a weaker later attempt undo a verification, but a failed review does", () => {
    expect(run([{ type: "explain", verdict: "partial" }], "verified")).toBe("verified");
    expect(run([{ type: "review", passed: false }], "verified")).toBe("learning");
    expect(run([{ type: "review", passed: true }], "learning")).toBe("verified");
  });

  it("sends a verified concept the learner marks again back to learning", () => {
    expect(run([{ type: "mark" }], "verified")).toBe("learning");
    expect(run([{ type: "mark" }], "learning")).toBe("learning");
  });
});
