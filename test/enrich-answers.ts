import type { RecordedAnswer } from "./helpers/openai-replay-server.js";

/**
 * A stand-in for a model in enrichment tests and the bench: reads what each enrichment request asks
 * (map, concepts, stance, mind map) and answers valid JSON built from the request itself, quoting
 * the transcript lines it was given, so the whole provider path runs without recorded text per
 * episode. `tweak` lets a test break answers on purpose.
 */
export function enrichmentResponder(tweak: (kind: string, answer: unknown, user: string) => unknown = (_k, a) => a) {
  return (body: unknown): RecordedAnswer | null => {
    const messages = (body as { messages?: { role: string; content: string }[] } | null)?.messages ?? [];
    const system = messages.find((m) => m.role === "system")?.content ?? "";
    const user = messages.find((m) => m.role === "user")?.content ?? "";
    const kind = system.startsWith("You take study notes")
      ? "map"
      : system.startsWith("You write study material")
        ? "concepts"
        : system.startsWith("You group")
          ? "stance"
          : system.startsWith("You draw the mind map")
            ? "mindmap"
            : null;
    if (!kind) return null;
    const answer = tweak(kind, build(kind, user), user);
    return { content: typeof answer === "string" ? answer : JSON.stringify(answer) };
  };
}

function build(kind: string, user: string): unknown {
  const lines = [...user.matchAll(/^\[(\d+)\] (?:([^:\n]{1,40}): )?(.*)$/gm)].map((m) => ({
    n: Number(m[1]),
    speaker: m[2] ?? "Speaker",
    text: m[3] ?? "",
  }));
  if (kind === "map") {
    const chapterLine = /^Chapters: (.*)\.$/m.exec(user)?.[1] ?? "none";
    const titles = chapterLine === "none" ? [] : [...chapterLine.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
    const conceptLine = /^Concepts to note: (.*)\.$/m.exec(user)?.[1] ?? "none";
    const concepts = conceptLine === "none" ? [] : conceptLine.split("; ");
    const withWords = lines.filter((l) => l.text.split(" ").length >= 8);
    return {
      chapters: (titles.length ? titles : ["A part of the conversation"]).map((title) => ({
        title,
        summary: `The speakers discuss ${title.toLowerCase()} and what it means for the field.`,
      })),
      concepts: concepts.map((name) => ({ name, notes: `The speakers explain ${name} with an example.`, lines: [1] })),
      claims: withWords.slice(0, 2).map((l, i) => ({
        speaker: l.speaker,
        topic: i === 0 ? "where the field is going" : "open models",
        claim: `${l.speaker} makes a point.`,
        quote: l.text.split(" ").slice(0, 8).join(" "),
        line: l.n,
      })),
    };
  }
  if (kind === "concepts") {
    const names = [...user.matchAll(/^## Concept: (.+?)(?: \(also: .*\))?$/gm)].map((m) => m[1] as string);
    return {
      concepts: names.map((name) => ({
        name,
        en: {
          explanation: `${name} is explained step by step here, as the episode describes it.`,
          examples: [`An example of ${name}.`],
          checkQuestions: [`Why does ${name} matter?`],
        },
        zh: {
          explanation: `${name} 是本期节目讨论的一个概念，这里一步一步地解释它。`,
          examples: [`${name} 的一个例子。`],
          checkQuestions: [`${name} 为什么重要？`],
        },
        keyPoints: [{ en: `What ${name} does`, zh: `${name} 的作用`, required: true }],
        misconceptions: [{ en: `${name} is magic`, zh: `${name} 是魔法` }],
        prerequisites: [],
        lines: lines.length ? [1] : [],
      })),
    };
  }
  if (kind === "stance") {
    return { topics: [{ topic: "Where the field is going", claims: lines.map((l) => l.n) }] };
  }
  const chapters = [...user.matchAll(/^\[(\d+)\] \d\d:\d\d:\d\d (.+?):/gm)].map((m) => Number(m[1]));
  const concepts = (/^Concepts: (.*)$/m.exec(user)?.[1] ?? "").split("; ").filter(Boolean);
  return {
    root: {
      title: "The episode",
      children: [
        {
          title: "The main theme",
          chapter: chapters[0] ?? 1,
          children: concepts.slice(0, 5).map((c) => ({ title: c, concept: c })),
        },
      ],
    },
  };
}
