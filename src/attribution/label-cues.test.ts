import { describe, expect, it } from "vitest";
import {
  addressedSpeakers,
  asksListeners,
  endsWithQuestion,
  questionCount,
  startsAsContinuation,
  startsMidSentence,
} from "./label-cues.js";

describe("label cues", () => {
  it("tells a real question from a question tag", () => {
    expect(endsWithQuestion("Who do you think is winning?")).toBe(true);
    expect(endsWithQuestion("It has to be brain-computer interfaces, right?")).toBe(false);
    expect(endsWithQuestion("That is the idea. So what did you use?”")).toBe(true);
    expect(questionCount("Is it? Yes, right? And why not?")).toBe(2);
  });

  it("knows a question put to the listeners from an impersonal one", () => {
    expect(asksListeners("So do you think that helps?")).toBe(true);
    expect(asksListeners("Another challenge, though, is: how will people learn?")).toBe(false);
  });

  it("reads continuations and cut-off sentences", () => {
    expect(startsAsContinuation("And then there was kind of a weird thing.")).toBe(true);
    expect(startsAsContinuation("I think so.")).toBe(false);
    expect(startsMidSentence("…pulling information from the sparse internet.")).toBe(true);
    expect(startsMidSentence("-grow and have some applications")).toBe(true);
    expect(startsMidSentence("Grow and have some applications")).toBe(false);
  });

  it("finds whom a paragraph addresses, not whom it mentions", () => {
    const speakers = ["Sebastian Raschka", "Nathan Lambert"];
    expect(addressedSpeakers("So Sebastian, who do you think is winning?", speakers)).toEqual(["Sebastian Raschka"]);
    expect(addressedSpeakers("What do you think, Nathan?", speakers)).toEqual(["Nathan Lambert"]);
    expect(addressedSpeakers("And there are, like Nathan said, two layers to it.", speakers)).toEqual([]);
  });
});
