import { describe, expect, it } from "vitest";
import { CLOZE_BLANK, cardsForConcept, clozeAnswerMatches } from "./cards.js";
import { newFsrsFields, scheduleReview } from "./fsrs.js";
import { pass3Order } from "./pass3.js";
import { masteryEventForReview, ratingForVerdict } from "./rating.js";

const NOW = new Date("2026-01-02T03:04:05Z");
const DAY = 86_400_000;

describe("FSRS scheduling", () => {
  it("pushes a remembered card further out each time and brings a forgotten one back within minutes", () => {
    let card = newFsrsFields(NOW);
    const dues: number[] = [];
    let at = NOW;
    for (let i = 0; i < 4; i++) {
      card = scheduleReview(card, 3, at);
      dues.push(new Date(card.due).getTime() - at.getTime());
      at = new Date(card.due);
    }
    // Each good answer waits longer than the one before, and the fourth is days away.
    for (let i = 1; i < dues.length; i++) expect(dues[i]).toBeGreaterThan(dues[i - 1] as number);
    expect(dues.at(-1)).toBeGreaterThan(DAY);
    const forgotten = scheduleReview(card, 1, at);
    expect(new Date(forgotten.due).getTime() - at.getTime()).toBeLessThan(DAY);
    expect(forgotten.lapses).toBe(card.lapses + 1);
  });

  it("is the same every time for the same answers (no fuzz)", () => {
    const a = scheduleReview(scheduleReview(newFsrsFields(NOW), 3, NOW), 4, new Date(NOW.getTime() + DAY));
    const b = scheduleReview(scheduleReview(newFsrsFields(NOW), 3, NOW), 4, new Date(NOW.getTime() + DAY));
    expect(a).toEqual(b);
  });
});

describe("ratings and mastery", () => {
  it("only a verified explanation passes; a failure sends the concept back to learning", () => {
    expect(ratingForVerdict("partial", 5)).toBe(1);
    expect(ratingForVerdict("verified", 5)).toBe(4);
    expect(ratingForVerdict("verified", 3)).toBe(3);
    expect(masteryEventForReview("verified", { graded: true, verified: false, rating: 1 })).toEqual({
      type: "review",
      passed: false,
    });
    expect(masteryEventForReview("learning", { graded: true, verified: true, rating: 3 })).toEqual({
      type: "explain",
      verdict: "verified",
    });
    // A self-rated "good" never verifies: nothing checked it.
    expect(masteryEventForReview("learning", { graded: false, verified: false, rating: 3 })).toBeNull();
  });
});

describe("cards of a concept", () => {
  const source = {
    conceptId: 7,
    conceptName: "Mixture of Experts",
    aliases: ["MoE"],
    episodeId: "ep1",
    pack: {
      checkQuestions: [
        { en: "Why is MoE cheap per token?", zh: "为什么 MoE 每个 token 很便宜？" },
        { en: "What does the router do?", zh: "路由器做什么？" },
      ],
      explanation: { en: "Experts and a router.", zh: "专家和路由器。" },
    },
    definitions: [
      { segmentId: 42, startMs: 163_000, text: "A mixture of experts, or MoE, sends each token to a few experts." },
    ],
  };

  it("makes an explain card, one per check question and a cloze with its moment, names blanked", () => {
    const cards = cardsForConcept(source);
    expect(cards.map((c) => c.kind)).toEqual(["explain", "question", "question", "cloze"]);
    const cloze = cards.find((c) => c.kind === "cloze");
    expect(cloze).toMatchObject({ answer: "mixture of experts", segmentId: 42, startMs: 163_000 });
    expect(cloze?.prompt).toBe(`A ${CLOZE_BLANK}, or ${CLOZE_BLANK}, sends each token to a few experts.`);
  });

  it("accepts any name of the concept as the cloze answer", () => {
    expect(clozeAnswerMatches("Mixture-of-Experts", "mixture of experts", ["MoE"])).toBe(true);
    expect(clozeAnswerMatches("moe", "mixture of experts", ["MoE"])).toBe(true);
    expect(clozeAnswerMatches("router", "mixture of experts", ["MoE"])).toBe(false);
    expect(clozeAnswerMatches("", "mixture of experts", [])).toBe(false);
  });
});

describe("pass-3 order", () => {
  const concepts = [{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }];
  const at = (d: number) => new Date(NOW.getTime() + d * DAY).toISOString();

  it("puts the most confident wrong answers first, then the never explained, then the verified", () => {
    const order = pass3Order(concepts, [
      { conceptId: 1, confidence: 5, verdict: "verified", createdAt: at(1) },
      { conceptId: 2, confidence: 3, verdict: "partial", createdAt: at(1) },
      { conceptId: 3, confidence: 5, verdict: "misconception", createdAt: at(1) },
      { conceptId: 3, confidence: 4, verdict: "verified", createdAt: at(2) },
      { conceptId: 5, confidence: 2, verdict: "verified", createdAt: at(1) },
    ]);
    expect(order.map((o) => o.concept.id)).toEqual([3, 2, 4, 5, 1]);
    expect(order.map((o) => o.reason)).toEqual([
      "confident-but-wrong",
      "confident-but-wrong",
      "never-explained",
      "verified-before",
      "verified-before",
    ]);
    expect(order[0]?.wrongConfidence).toBe(5);
  });
});
