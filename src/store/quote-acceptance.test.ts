import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { insertEpisode } from "./episodes.js";
import {
  acceptQuote,
  listQuoteAcceptances,
  quoteAcceptanceLookup,
  quoteKey,
  unacceptQuote,
} from "./quote-acceptance.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

function setup() {
  const store = freshStore();
  stores.push(store);
  const id = insertEpisode(store, {
    title: "T",
    show: null,
    language: "en",
    durationMs: 1000,
    wordCount: 3,
    format: "speaker-timestamp-lines",
    source: { kind: "file", ref: "a.txt", sha256: "a" },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [],
    segments: [{ startMs: 0, endMs: 1000, speaker: "A", text: "hello there world" }],
    chapters: [],
  });
  return { store, id };
}

describe("quote acceptance", () => {
  it("keys by quote (spaces collapsed) and credited speaker; another wording or speaker is not accepted", () => {
    const { store, id } = setup();
    acceptQuote(store, id, { quote: "  knowledge comes from\npre-training ", speaker: "Nathan", verdict: "not-found" });
    const lookup = quoteAcceptanceLookup(store, id);
    expect(lookup("knowledge comes from pre-training", "Nathan")).toMatchObject({ verdict: "not-found" });
    expect(lookup("knowledge comes from pre-training", "Sebastian")).toBeNull();
    expect(lookup("knowledge comes from pre-training.", "Nathan")).toBeNull();
    expect(quoteKey(" a \t b ")).toBe("a b");
  });

  it("accepts an uncredited quote, again without a duplicate, and takes it back", () => {
    const { store, id } = setup();
    acceptQuote(store, id, { quote: "a paraphrase", speaker: null, verdict: "not-found" });
    acceptQuote(store, id, { quote: "a paraphrase", speaker: null, verdict: "not-found" });
    expect(listQuoteAcceptances(store, id)).toEqual([
      expect.objectContaining({ quote: "a paraphrase", speaker: null }),
    ]);
    expect(unacceptQuote(store, id, "a paraphrase ", null)).toBe(true);
    expect(unacceptQuote(store, id, "a paraphrase", null)).toBe(false);
    expect(listQuoteAcceptances(store, id)).toEqual([]);
  });
});
