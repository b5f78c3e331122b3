import { describe, expect, it } from "vitest";
import { guessHost, type LabelledSegment, suggestSpeakerLabels } from "./suspicious-labels.js";

const HOST = "Lex Fridman";
const SEB = "Sebastian Raschka";
const NATE = "Nathan Lambert";

// Each voice has its verbal habits, as real speakers do; the topics are shared.
const sebastian = (topic: string) =>
  `I mean, ${topic} is essentially a trade-off. I do think it basically depends on the budget, let's say, and the hardware. In a sense it is a Goldilocks zone, and I do think that is essentially where ${topic} goes, basically.`;
const nathan = (topic: string) =>
  `Yeah, I think that ${topic} is kind of like a bet. It's sort of the thing the labs are doing, and it kind of feels like the culture matters, like, a lot. I think that people sort of underrate ${topic} right now.`;
const hostAsks = (name: string, topic: string) =>
  `${name}, what do you think about ${topic}? Where do you think it goes?`;

function episode(): LabelledSegment[] {
  const lines: [string, string][] = [
    [HOST, "Welcome. Let's start with some spicy questions. Who is winning, would you say?"],
    [HOST, `So Sebastian, what do you think about open models and who is winning?`],
    [HOST, sebastian("open weights")], // the guest's answer filed under the host
    [SEB, sebastian("compute")],
    [HOST, hostAsks("Nathan", "scaling")],
    [NATE, nathan("scaling")],
    [NATE, nathan("pre-training")],
    [HOST, hostAsks("Sebastian", "attention")],
    [SEB, sebastian("attention")],
    [HOST, `And ${sebastian("the KV cache")}`], // carries on the guest's answer
    [HOST, hostAsks("Nathan", "RLHF")],
    [NATE, nathan("RLHF")],
    [
      HOST,
      "That's a really interesting point, and I think people should hear it. So let me ask both of you: what do you think is the biggest surprise of the year for you?",
    ],
    [SEB, sebastian("the year")],
    [NATE, nathan("the year")],
    [HOST, hostAsks("Nathan", "agents")],
    [NATE, nathan("agents")],
    [NATE, "Nathan, do you want to add something?"], // addresses its own label: someone else said it
    [SEB, sebastian("tools")],
    [SEB, "Nathan, would you agree with that?"],
    [SEB, nathan("tool use")], // the same label answers its own question
    [HOST, hostAsks("Sebastian", "education")],
    [SEB, sebastian("education")],
    [HOST, hostAsks("Nathan", "policy")],
    [NATE, nathan("policy")],
  ];
  return lines.map(([speaker, text], i) => ({ id: i + 1, startMs: i * 30_000, speaker, text }));
}

describe("suggestSpeakerLabels", () => {
  const segments = episode();
  const suggestions = suggestSpeakerLabels({ segments, host: HOST });
  const at = (id: number) => suggestions.find((s) => s.segmentId === id);

  it("finds a guest's answer filed under the host right after the host asked that guest", () => {
    expect(at(3)).toMatchObject({ labelled: HOST, suggested: SEB, rule: "host-labelled-answer" });
    expect(at(3)?.reasons.join(" ")).toMatch(/follows the host's question to Sebastian Raschka/);
  });

  it("finds a host-labelled paragraph that carries on a guest's answer", () => {
    expect(at(10)).toMatchObject({ labelled: HOST, suggested: SEB });
  });

  it("leaves the host's own questions alone", () => {
    for (const id of [1, 2, 5, 8, 11, 13, 16, 22, 24]) expect(at(id)).toBeUndefined();
  });

  it("flags a paragraph addressing its own speaker by name", () => {
    expect(at(18)).toMatchObject({ labelled: NATE, suggested: HOST, rule: "addresses-self" });
  });

  it("flags a turn that answers its own question", () => {
    expect(at(21)).toMatchObject({ labelled: SEB, suggested: NATE, rule: "answers-own-question" });
  });

  it("returns suggestions in time order with a confidence", () => {
    const ids = suggestions.map((s) => s.segmentId);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const s of suggestions) expect(s.confidence).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(5);
  });

  it("guesses the host as the one who asks the questions", () => {
    expect(guessHost(segments)).toBe(HOST);
    expect(suggestSpeakerLabels({ segments }).map((s) => s.segmentId)).toEqual(suggestions.map((s) => s.segmentId));
  });

  it("suggests nothing for a monologue or an empty transcript", () => {
    expect(suggestSpeakerLabels({ segments: [] })).toEqual([]);
    expect(suggestSpeakerLabels({ segments: segments.map((s) => ({ ...s, speaker: HOST })) })).toEqual([]);
  });
});
