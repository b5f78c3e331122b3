import type { AnalysisSegment } from "./types.js";

/**
 * Words that open a new topic in conversation ("let me ask you about", "so that takes us to",
 * "换个话题"): a host's turn to a new question is where a listener would put a chapter mark, so a
 * boundary found by vocabulary shift is moved to the nearest such opening.
 */

/** Phrases that announce a new topic when they open a segment or sit near its start. */
const TOPIC_OPENERS_EN = [
  "let me ask",
  "let's talk about",
  "let us talk about",
  "let's go to",
  "let's get to",
  "let's move on",
  "moving on",
  "switching gears",
  "to switch gears",
  "change gears",
  "speaking of",
  "on the topic of",
  "that takes us to",
  "that brings us to",
  "brings us to",
  "let's zoom out",
  "let me zoom out",
  "take a bit of a tangent",
  "take a tangent",
  "the next topic",
  "a different topic",
  "another topic",
  "let's return to",
  "let's jump to",
  "i wanted to ask",
  "i want to ask",
  "i have to ask",
  "i should ask",
  "let's linger on",
  "big question",
  "what about",
];

const TOPIC_OPENERS_ZH = [
  "接下来",
  "我们聊聊",
  "聊一聊",
  "谈谈",
  "说到",
  "换个话题",
  "下一个问题",
  "另一个问题",
  "我想问",
  "我想请教",
  "回到",
  "我们来看",
  "我们再来",
];

/** How strongly a segment opens a new topic: 0 none, higher for an announced change of topic. */
export function topicOpeningStrength(segment: AnalysisSegment, previous: AnalysisSegment | undefined): number {
  const head = segment.text.slice(0, 160).toLowerCase().replace(/’/g, "'");
  let score = 0;
  const opener = Math.min(
    ...[...TOPIC_OPENERS_EN, ...TOPIC_OPENERS_ZH].map((p) => head.indexOf(p)).filter((at) => at >= 0),
  );
  // An opener that starts the turn announces a new topic; later in the sentence it may be an aside.
  if (opener < 40) score += 2;
  else if (opener < Infinity) score += 1.5;
  // A question near the start of a segment is how an interviewer moves on.
  const question = segment.text.search(/[?？]/);
  if (question >= 0 && question < 240) score += 1;
  if (previous && segment.speaker && previous.speaker && segment.speaker !== previous.speaker) {
    score += score > 0 ? 1 : 0.25;
  }
  return score;
}

/**
 * Moves each boundary to the segment near it that best opens a topic, within `reachMs` either side;
 * nearer openings win ties. Boundaries keep their order and never merge.
 */
export function snapToOpenings(
  segments: AnalysisSegment[],
  boundaries: number[],
  reachMs: number,
  minGapMs: number,
): number[] {
  const out: number[] = [];
  boundaries.forEach((b, k) => {
    const at = segments[b] as AnalysisSegment;
    const prevBoundary = out.at(-1);
    const nextBoundary = boundaries[k + 1];
    const lowMs =
      prevBoundary === undefined ? -Infinity : (segments[prevBoundary] as AnalysisSegment).startMs + minGapMs;
    const highMs =
      nextBoundary === undefined ? Infinity : (segments[nextBoundary] as AnalysisSegment).startMs - minGapMs;
    let best = b;
    let bestScore = topicOpeningStrength(at, segments[b - 1]);
    for (const dir of [-1, 1]) {
      for (let i = b + dir; i > 0 && i < segments.length; i += dir) {
        const s = segments[i] as AnalysisSegment;
        const dt = Math.abs(s.startMs - at.startMs);
        if (dt > reachMs) break;
        if (s.startMs < lowMs || s.startMs > highMs) continue;
        const score = topicOpeningStrength(s, segments[i - 1]) - (0.5 * dt) / reachMs;
        if (score > bestScore) {
          best = i;
          bestScore = score;
        }
      }
    }
    out.push(best);
  });
  return out;
}
