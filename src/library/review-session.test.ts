import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { addMark, findConcept, getMasteryState, recordAttempt, type Store } from "../store/index.js";
import { listReviewCards, listReviewLog } from "../store/review-cards.js";
import { analyzeStoredEpisode, libraryGlossary } from "./analyze-episode.js";
import { importEpisode } from "./import-episode.js";
import { libraryPacks } from "./packs.js";
import { answerCard, dueCards, pass3Run, refreshEpisodeCards } from "./review-session.js";
import { SAMPLE } from "./sample.js";

const GOOD_GRPO =
  "For each prompt GRPO samples a group of several answers and scores each one with the reward. Each answer's advantage is its reward compared with the group's average reward, normalised by the spread, so answers better than the group mean are pushed up and worse ones down. Because the group itself is the baseline, it needs no separate value model or critic, unlike PPO.";
const VAGUE = "GRPO is a better kind of RL that makes models smarter.";
const DAY = 86_400_000;

let base: ReturnType<typeof freshStore>;
let episodeId: string;
let clock = new Date("2026-01-02T03:04:05Z");
/** The library with a clock the test moves by hand. */
let store: Store;
const packs = () => libraryPacks(base.dir);

beforeAll(async () => {
  base = freshStore();
  store = { ...base, now: () => clock };
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(base.dir));
  for (const term of ["GRPO", "distillation"]) {
    const c = findConcept(store, term, episodeId);
    if (!c) throw new Error(`the sample lost ${term}`);
    addMark(store, {
      episodeId,
      pass: 1,
      kind: "term",
      startMs: 0,
      segmentId: null,
      selection: term,
      conceptId: c.id,
      confidence: 3,
      note: null,
    });
  }
});
afterAll(() => base.cleanup());

function grpoId(): number {
  return findConcept(store, "GRPO", episodeId)?.id as number;
}

describe("review cards", () => {
  it("are made from the learner's concepts once, however often they are refreshed", () => {
    const first = refreshEpisodeCards(store, episodeId, packs());
    expect(first).toBeGreaterThanOrEqual(4);
    expect(refreshEpisodeCards(store, episodeId, packs())).toBe(0);
    const kinds = listReviewCards(store, episodeId)
      .filter((c) => c.conceptId === grpoId())
      .map((c) => c.kind);
    expect(kinds).toContain("explain");
    expect(kinds).toContain("question");
    const cloze = listReviewCards(store, episodeId).find((c) => c.kind === "cloze");
    expect(cloze?.startMs).not.toBeNull();
  });

  it("shows the due cards in the learner's language", () => {
    const en = dueCards(store, packs(), { episodeId, language: "en" });
    expect(en.map((c) => c.prompt)).toContain("Explain GRPO in your own words.");
    const zh = dueCards(store, packs(), { episodeId, language: "zh" });
    expect(zh.some((c) => c.kind === "question" && /\p{Script=Han}/u.test(c.prompt))).toBe(true);
  });
});

describe("answering a card", () => {
  it("verifies with a good explanation and pushes the card later; a failed one sends GRPO back to learning", () => {
    const card = listReviewCards(store, episodeId).find((c) => c.conceptId === grpoId() && c.kind === "explain");
    if (!card) throw new Error("no explain card");
    const good = answerCard(store, packs(), { cardId: card.id, answer: GOOD_GRPO, confidence: 4, language: "en" });
    expect(good.verdict).toBe("verified");
    expect(good.mastery).toBe("verified");
    expect(new Date(good.nextDue).getTime()).toBeGreaterThan(clock.getTime());

    // Once it is due again, a good answer waits longer than the first time did.
    const firstWait = new Date(good.nextDue).getTime() - clock.getTime();
    clock = new Date(good.nextDue);
    const again = answerCard(store, packs(), { cardId: card.id, answer: GOOD_GRPO, confidence: 4, language: "en" });
    expect(new Date(again.nextDue).getTime() - clock.getTime()).toBeGreaterThan(firstWait);

    clock = new Date(new Date(again.nextDue).getTime() + DAY);
    const failed = answerCard(store, packs(), { cardId: card.id, answer: VAGUE, confidence: 5, language: "en" });
    expect(failed.verdict).toBe("partial");
    expect(failed.rating).toBe(1);
    expect(failed.mastery).toBe("learning");
    expect(getMasteryState(store, grpoId())).toBe("learning");
    expect(new Date(failed.nextDue).getTime() - clock.getTime()).toBeLessThan(DAY);
    const log = listReviewLog(store, card.id);
    expect(log.map((l) => l.verdict)).toEqual(["verified", "verified", "partial"]);
    expect(log.every((l) => l.attemptId !== null)).toBe(true);
  });

  it("asks for the learner's own rating on a check question and takes a cloze by its term", () => {
    const question = listReviewCards(store, episodeId).find((c) => c.kind === "question");
    if (!question) throw new Error("no question card");
    expect(() =>
      answerCard(store, packs(), { cardId: question.id, answer: "x", confidence: 3, language: "en" }),
    ).toThrow(/rate it/);
    const rated = answerCard(store, packs(), {
      cardId: question.id,
      answer: "x",
      confidence: 3,
      selfRating: 3,
      language: "en",
    });
    expect(rated.verdict).toBeNull();
    const cloze = listReviewCards(store, episodeId).find((c) => c.kind === "cloze");
    if (!cloze) throw new Error("no cloze card");
    const right = answerCard(store, packs(), {
      cardId: cloze.id,
      answer: cloze.answer.toUpperCase(),
      confidence: 4,
      language: "en",
    });
    expect(right.verdict).toBe("correct");
  });
});

describe("a pass-3 run", () => {
  it("asks every concept the learner worked on, the most confident wrong one first, and keeps the answers as pass 3", () => {
    const distillation = findConcept(store, "distillation", episodeId)?.id as number;
    // Both were explained wrongly at confidence 5 (GRPO once, above); distillation twice, so it comes first.
    recordAttempt(store, {
      conceptId: distillation,
      episodeId,
      language: "en",
      confidence: 5,
      text: "Distillation is when you make a model smaller by deleting layers.",
      verdict: "misconception",
      covered: [],
      missing: [],
      misconceptions: ["x"],
      feedback: "",
      grader: "test",
    });
    recordAttempt(store, {
      conceptId: distillation,
      episodeId,
      language: "en",
      confidence: 5,
      text: "Again wrong.",
      verdict: "partial",
      covered: [],
      missing: [],
      misconceptions: [],
      feedback: "",
      grader: "test",
    });
    const run = pass3Run(store, packs(), episodeId, "en");
    expect(run.map((s) => s.card.conceptKey).slice(0, 2)).toEqual([
      findConcept(store, "distillation", episodeId)?.key,
      findConcept(store, "GRPO", episodeId)?.key,
    ]);
    expect(run[0]?.reason).toBe("confident-but-wrong");
    const grpoStep = run.find((s) => s.card.conceptId === grpoId());
    if (!grpoStep) throw new Error("GRPO missing from pass 3");
    answerCard(store, packs(), {
      cardId: grpoStep.card.id,
      answer: GOOD_GRPO,
      confidence: 3,
      language: "en",
      context: "pass3",
    });
    const after = pass3Run(store, packs(), episodeId, "en").find((s) => s.card.conceptId === grpoId());
    expect(after?.lastPass3?.verdict).toBe("verified");
    expect(getMasteryState(store, grpoId())).toBe("verified");
  });
});

describe("a concept studied in one episode and met again in another", () => {
  it("is one card library-wide: the second episode's review and pass 3 ask the same explain card", async () => {
    const vtt = SAMPLE.transcript.replace(/transcript\.txt$/, "transcript.vtt");
    const { episode } = await importEpisode(store, { source: vtt, sourceKind: "file" });
    analyzeStoredEpisode(store, episode.id, libraryGlossary(base.dir));
    const first = listReviewCards(store, episodeId).find((c) => c.conceptId === grpoId() && c.kind === "explain");
    const run = pass3Run(store, packs(), episode.id, "en");
    expect(run.find((s) => s.card.conceptId === grpoId())?.card.id).toBe(first?.id);
    clock = new Date(clock.getTime() + 400 * DAY);
    const due = dueCards(store, packs(), { episodeId: episode.id, language: "en" });
    expect(due.map((c) => c.id)).toContain(first?.id);
    // A cloze stays with the episode whose sentence it quotes.
    expect(due.filter((c) => c.kind === "cloze").every((c) => c.episodeId === episode.id)).toBe(true);
  });
});
