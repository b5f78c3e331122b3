import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The bundled sample episode is the first thing a new user opens. Its audio, transcript, captions and
 * chapters are generated together by `npm run sample:build`; these tests check that the committed files
 * still agree with each other and say what the README promises.
 */
const EPISODE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../samples/reasoning-debate");

interface Line {
  chapter: string;
  speaker: string;
  seconds: number;
  text: string;
}

interface Cue {
  chapter: string;
  start: number;
  end: number;
  speaker: string;
  text: string;
}

interface Script {
  title: string;
  show: string;
  people: { name: string; role: string; voice: string }[];
  chapters: { title: string; turns: { speaker: string; text: string }[] }[];
}

function read(name: string): string {
  return readFileSync(join(EPISODE_DIR, name), "utf8");
}

function parseTranscript(text: string): { header: string[]; chapters: string[]; lines: Line[] } {
  const header: string[] = [];
  const chapters: string[] = [];
  const lines: Line[] = [];
  for (const raw of text.split("\n")) {
    if (raw.startsWith("## ")) {
      chapters.push(raw.slice(3));
    } else if (raw.startsWith("# ")) {
      header.push(raw);
    } else if (raw.trim()) {
      const m = /^(.+?) \((\d\d):(\d\d):(\d\d)\) (.+)$/.exec(raw);
      if (!m) throw new Error(`transcript.txt: unexpected line: ${raw}`);
      const [, speaker = "", h = "0", min = "0", s = "0", body = ""] = m;
      const chapter = chapters[chapters.length - 1];
      if (chapter === undefined) throw new Error(`transcript.txt: line before the first chapter: ${raw}`);
      lines.push({ chapter, speaker, seconds: Number(h) * 3600 + Number(min) * 60 + Number(s), text: body });
    }
  }
  return { header, chapters, lines };
}

function vttSeconds(time: string): number {
  const [h = "0", m = "0", s = "0"] = time.split(":");
  return Number(h) * 3600 + Number(m) * 60 + Number(s);
}

function parseVtt(text: string): { firstLine: string; chapters: string[]; cues: Cue[] } {
  const blocks = text.trim().split(/\n\n+/);
  const chapters: string[] = [];
  const cues: Cue[] = [];
  for (const block of blocks.slice(1)) {
    if (block.startsWith("NOTE Chapter: ")) {
      chapters.push(block.slice("NOTE Chapter: ".length));
      continue;
    }
    if (block.startsWith("NOTE")) continue;
    const m = /^(\d\d:\d\d:\d\d\.\d{3}) --> (\d\d:\d\d:\d\d\.\d{3})\n<v ([^>]+)>(.+)$/.exec(block);
    if (!m) throw new Error(`transcript.vtt: unexpected block: ${block}`);
    const [, start = "", end = "", speaker = "", body = ""] = m;
    const chapter = chapters[chapters.length - 1] ?? "";
    cues.push({ chapter, start: vttSeconds(start), end: vttSeconds(end), speaker, text: body });
  }
  return { firstLine: blocks[0] ?? "", chapters, cues };
}

/**
 * Duration of an Ogg Opus file: the last page's granule position (48 kHz samples) minus the encoder's
 * pre-skip from the OpusHead packet.
 */
function opusDurationSeconds(buf: Buffer): number {
  let offset = 0;
  let lastGranule = 0n;
  let preSkip: number | undefined;
  while (offset + 27 <= buf.length) {
    if (buf.toString("ascii", offset, offset + 4) !== "OggS") throw new Error(`audio.opus: no Ogg page at ${offset}`);
    const segments = buf.readUInt8(offset + 26);
    let bodyLength = 0;
    for (let i = 0; i < segments; i++) bodyLength += buf.readUInt8(offset + 27 + i);
    const body = offset + 27 + segments;
    if (preSkip === undefined && buf.toString("ascii", body, body + 8) === "OpusHead") {
      preSkip = buf.readUInt16LE(body + 10);
    }
    const granule = buf.readBigInt64LE(offset + 6);
    if (granule > 0n) lastGranule = granule;
    offset = body + bodyLength;
  }
  if (preSkip === undefined) throw new Error("audio.opus: no OpusHead packet");
  return (Number(lastGranule) - preSkip) / 48_000;
}

const FILES = ["script.json", "audio.opus", "transcript.txt", "transcript.vtt", "chapters.json", "README.md"];

describe("the bundled sample episode", () => {
  it("has all its files", () => {
    for (const name of FILES) expect(existsSync(join(EPISODE_DIR, name)), name).toBe(true);
  });

  const script = JSON.parse(read("script.json")) as Script;
  const transcript = parseTranscript(read("transcript.txt"));
  const vtt = parseVtt(read("transcript.vtt"));
  const chapterFile = JSON.parse(read("chapters.json")) as {
    version: string;
    chapters: { startTime: number; title: string }[];
  };
  const audioSeconds = opusDurationSeconds(readFileSync(join(EPISODE_DIR, "audio.opus")));

  it("names its title, show and audio file in the transcript header", () => {
    expect(transcript.header).toEqual([
      `# Transcript for ${script.title}`,
      "# Show: Deep Listening Sample",
      "# Host: Maya Chen",
      "# Guests: Dr. Arjun Patel, Dr. Lena Vogel",
      "# Audio: audio.opus",
    ]);
    expect(vtt.firstLine).toBe(`WEBVTT - ${script.title}`);
  });

  it("lasts 15 to 25 minutes in a compact Opus file", () => {
    expect(audioSeconds).toBeGreaterThan(15 * 60);
    expect(audioSeconds).toBeLessThan(25 * 60);
    expect(statSync(join(EPISODE_DIR, "audio.opus")).size).toBeLessThan(5 * 1024 * 1024);
  });

  it("shows the same 5 to 7 chapters, at the same times, in every file", () => {
    const titles = script.chapters.map((c) => c.title);
    expect(titles.length).toBeGreaterThanOrEqual(5);
    expect(titles.length).toBeLessThanOrEqual(7);
    expect(transcript.chapters).toEqual(titles);
    expect(vtt.chapters).toEqual(titles);
    expect(chapterFile.version).toBe("1.2.0");
    expect(chapterFile.chapters.map((c) => c.title)).toEqual(titles);

    expect(chapterFile.chapters[0]?.startTime).toBe(0);
    for (const { title, startTime } of chapterFile.chapters) {
      const firstLine = transcript.lines.find((l) => l.chapter === title);
      const firstCue = vtt.cues.find((c) => c.chapter === title);
      expect(firstLine?.seconds, title).toBe(Math.floor(startTime));
      expect(firstCue?.start, title).toBeCloseTo(startTime, 2);
    }
    const starts = chapterFile.chapters.map((c) => c.startTime);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it("is spoken by the host and the two guests, and by no one else", () => {
    const people = script.people.map((p) => p.name).sort();
    expect(people).toEqual(["Dr. Arjun Patel", "Dr. Lena Vogel", "Maya Chen"]);
    expect(script.people.find((p) => p.role === "host")?.name).toBe("Maya Chen");
    expect(new Set(script.people.map((p) => p.voice)).size).toBe(3);
    expect([...new Set(transcript.lines.map((l) => l.speaker))].sort()).toEqual(people);
    expect([...new Set(vtt.cues.map((c) => c.speaker))].sort()).toEqual(people);
  });

  it("has strictly increasing timestamps that all fall inside the audio", () => {
    const seconds = transcript.lines.map((l) => l.seconds);
    for (let i = 1; i < seconds.length; i++) expect(seconds[i]).toBeGreaterThan(seconds[i - 1] ?? -1);
    for (let i = 0; i < vtt.cues.length; i++) {
      const cue = vtt.cues[i];
      expect(cue?.end).toBeGreaterThan(cue?.start ?? Number.POSITIVE_INFINITY);
      if (i > 0) expect(cue?.start).toBeGreaterThanOrEqual(vtt.cues[i - 1]?.end ?? Number.POSITIVE_INFINITY);
    }
    const lastLine = transcript.lines[transcript.lines.length - 1];
    const lastCue = vtt.cues[vtt.cues.length - 1];
    expect(lastLine?.seconds).toBeLessThan(audioSeconds);
    // The audio ends where the last words end: no missing speech, no long trailing silence.
    expect(Math.abs((lastCue?.end ?? 0) - audioSeconds)).toBeLessThan(1);
  });

  it("says the same words in the transcript, the captions and the script", () => {
    const normalise = (parts: string[]) => parts.join(" ").replace(/\s+/g, " ").trim();
    const fromScript = normalise(script.chapters.flatMap((c) => c.turns.map((t) => t.text)));
    const fromTranscript = normalise(transcript.lines.map((l) => l.text));
    const fromVtt = normalise(vtt.cues.map((c) => c.text))
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<");
    expect(fromTranscript).toBe(fromScript);
    expect(fromVtt).toBe(fromScript);
    const words = fromScript.split(" ").length;
    expect(words).toBeGreaterThanOrEqual(2600);
    expect(words).toBeLessThanOrEqual(3400);
  });

  it("starts every turn with the speaker's line and timestamp, in script order", () => {
    const turnSpeakers = script.chapters.flatMap((c) => c.turns.map((t) => t.speaker));
    // Paragraphs of one turn repeat the speaker, so collapsing runs of paragraphs gives back the turns.
    const paragraphsPerTurn = script.chapters.flatMap((c) => c.turns.map((t) => t.text.split(/\n\s*\n/).length));
    expect(transcript.lines.length).toBe(paragraphsPerTurn.reduce((a, b) => a + b, 0));
    let index = 0;
    turnSpeakers.forEach((speaker, turn) => {
      for (let p = 0; p < (paragraphsPerTurn[turn] ?? 0); p++) expect(transcript.lines[index++]?.speaker).toBe(speaker);
    });
  });

  it("mentions every concept a learner is expected to look up", () => {
    const text = transcript.lines.map((l) => l.text).join(" ");
    const concepts = [
      "pre-training",
      "post-training",
      "base model",
      "supervised fine-tuning",
      "RLHF",
      "reward model",
      "verifiable rewards",
      "RLVR",
      "GRPO",
      "chain of thought",
      "thinking tokens",
      "inference-time scaling",
      "pass@k",
      "distillation",
      "mixture of experts",
      "KV cache",
      "scaling laws",
      "emergent abilities",
    ];
    for (const concept of concepts) {
      const pattern = new RegExp(concept.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[- ]/g, "[- ]"), "i");
      expect(text, concept).toMatch(pattern);
    }
  });

  it("contains at least three moments where one guest openly pushes back on the other", () => {
    const pushback = /\b(I disagree|That's not quite right|I'd push back)/;
    const clashes = transcript.lines.filter((l) => l.speaker.startsWith("Dr. ") && pushback.test(l.text));
    expect(clashes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(clashes.map((l) => l.speaker)).size).toBe(2);
  });
});
