/**
 * Builds the bundled sample episode from `samples/reasoning-debate/script.json`:
 * espeak-ng speaks every paragraph, sox joins the clips with pauses, ffmpeg compresses the result to Opus,
 * and the transcript, WebVTT captions and Podcasting 2.0 chapters are written from the measured clip lengths,
 * so the player and the transcript line up to the sample.
 *
 * Run with `npm run sample:build`. Needs espeak-ng, sox and ffmpeg (Debian: `apt-get install espeak-ng sox
 * libsox-fmt-all ffmpeg`). The output is deterministic: the same script gives the same bytes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** One person in the episode, with the espeak-ng voice that speaks for them. */
export interface ScriptPerson {
  name: string;
  role: "host" | "guest";
  voice: string;
}

/** One turn: a speaker and what they say. A blank line in `text` starts a new paragraph. */
export interface ScriptTurn {
  speaker: string;
  text: string;
}

/** A chapter of the episode and its turns, in order. */
export interface ScriptChapter {
  title: string;
  turns: ScriptTurn[];
}

/** The whole written episode, as stored in `script.json`. */
export interface EpisodeScript {
  title: string;
  show: string;
  language: string;
  people: ScriptPerson[];
  chapters: ScriptChapter[];
}

/** A paragraph placed on the timeline of the generated audio (times in samples of the WAV clips). */
export interface PlacedParagraph {
  chapterIndex: number;
  turnIndex: number;
  /** Index of the paragraph within its turn; 0 is where the turn starts. */
  paragraphIndex: number;
  speaker: string;
  text: string;
  startSample: number;
  lengthSamples: number;
}

/** Words per minute passed to espeak-ng (`-s`). */
const SPEAKING_RATE_WPM = 165;
/** Silence between two turns, and between two paragraphs of one turn. */
const PAUSE_BETWEEN_TURNS_S = 0.4;
const PAUSE_BETWEEN_PARAGRAPHS_S = 0.25;
const OPUS_BITRATE = "24k";

/**
 * What espeak-ng should say where the written form would be misread. The transcript keeps the written form.
 * Applied in order; every pattern is global.
 */
const PRONUNCIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bQwen\b/g, "Kwen"],
  [/\bo1\b/g, "oh one"],
  [/pass@k/gi, "pass at k"],
  [/\bOLMo\b/g, "Olmo"],
  [/Tülu/g, "Tulu"],
];

/** Abbreviations that end with a full stop but do not end a sentence. */
const ABBREVIATIONS = new Set(["dr", "mr", "mrs", "ms", "prof", "e.g", "i.e", "vs", "etc", "st"]);

/**
 * Splits a paragraph into sentences for caption cues. A sentence ends at `.`, `!` or `?` (plus any closing
 * quote or bracket) followed by white space, unless the word before the stop is a known abbreviation ("Dr.").
 */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const boundary = /[.!?]["'”’)\]]*\s+/g;
  let start = 0;
  for (let m = boundary.exec(text); m !== null; m = boundary.exec(text)) {
    const before = text.slice(start, m.index + 1);
    const lastWord = /([A-Za-z.]+)\.$/.exec(before)?.[1]?.toLowerCase();
    if (lastWord !== undefined && ABBREVIATIONS.has(lastWord)) continue;
    const sentence = text.slice(start, m.index + m[0].length).trim();
    if (sentence) sentences.push(sentence);
    start = m.index + m[0].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

/** Splits a turn's text into paragraphs at blank lines, collapsing white space inside each paragraph. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0);
}

/** The text handed to espeak-ng for a written paragraph. */
export function spokenForm(text: string): string {
  let spoken = text;
  for (const [pattern, replacement] of PRONUNCIATIONS) spoken = spoken.replace(pattern, replacement);
  return spoken;
}

/** Counts words the way a reader would: runs of non-space characters. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((w) => w.length > 0).length;
}

/** `hh:mm:ss` for the transcript; seconds are floored so a line never claims to start after its audio. */
export function formatClock(seconds: number): string {
  const total = Math.floor(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

/** `hh:mm:ss.mmm` for WebVTT cue timings. */
export function formatVttTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const frac = ms % 1000;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}.${String(frac).padStart(3, "0")}`;
}

/** The PCM layout and length of a WAV file, read from its RIFF header. */
export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Sample frames of audio in the data chunk. */
  frames: number;
}

/**
 * Reads the `fmt ` and `data` chunks of a PCM WAV file. The data length is capped by the bytes actually
 * present, because a writer that streams to a pipe may leave a placeholder size in the header.
 */
export function readWavInfo(buf: Buffer): WavInfo {
  if (buf.toString("ascii", 0, 4) !== "RIFF" || buf.toString("ascii", 8, 12) !== "WAVE") {
    throw new Error("not a RIFF/WAVE file");
  }
  let offset = 12;
  let format: Omit<WavInfo, "frames"> | undefined;
  while (offset + 8 <= buf.length) {
    const id = buf.toString("ascii", offset, offset + 4);
    const size = buf.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === "fmt ") {
      format = {
        channels: buf.readUInt16LE(body + 2),
        sampleRate: buf.readUInt32LE(body + 4),
        bitsPerSample: buf.readUInt16LE(body + 14),
      };
    } else if (id === "data") {
      if (!format) throw new Error("WAV data chunk before fmt chunk");
      const bytes = Math.min(size, buf.length - body);
      const frameBytes = (format.bitsPerSample / 8) * format.channels;
      return { ...format, frames: Math.floor(bytes / frameBytes) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error("WAV file has no data chunk");
}

/** A silent 16-bit mono WAV file of exactly `frames` sample frames. */
export function silentWav(sampleRate: number, frames: number): Buffer {
  const dataBytes = frames * 2;
  const buf = Buffer.alloc(44 + dataBytes);
  buf.write("RIFF", 0, "ascii");
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write("WAVE", 8, "ascii");
  buf.write("fmt ", 12, "ascii");
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20); // PCM
  buf.writeUInt16LE(1, 22); // mono
  buf.writeUInt32LE(sampleRate, 24);
  buf.writeUInt32LE(sampleRate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36, "ascii");
  buf.writeUInt32LE(dataBytes, 40);
  return buf;
}

/** Checks that every speaker is one of the people and that each person has their own voice. */
export function validateScript(script: EpisodeScript): void {
  const names = new Set(script.people.map((p) => p.name));
  const voices = new Set(script.people.map((p) => p.voice));
  if (voices.size !== script.people.length) throw new Error("script.json: two people share a voice");
  if (script.chapters.length === 0) throw new Error("script.json: no chapters");
  script.chapters.forEach((chapter, c) => {
    if (chapter.turns.length === 0) throw new Error(`script.json: chapter ${c + 1} "${chapter.title}" has no turns`);
    chapter.turns.forEach((turn, t) => {
      if (!names.has(turn.speaker)) {
        throw new Error(`script.json: chapter ${c + 1} turn ${t + 1}: unknown speaker "${turn.speaker}"`);
      }
    });
  });
}

/** Renders the `Speaker (hh:mm:ss) text` transcript with `## Chapter` lines, one paragraph per line. */
export function renderTranscript(script: EpisodeScript, placed: PlacedParagraph[], sampleRate: number): string {
  const host = script.people.filter((p) => p.role === "host").map((p) => p.name);
  const guests = script.people.filter((p) => p.role === "guest").map((p) => p.name);
  const lines = [
    `# Transcript for ${script.title}`,
    `# Show: ${script.show}`,
    `# Host: ${host.join(", ")}`,
    `# Guests: ${guests.join(", ")}`,
    "# Audio: audio.opus",
    "",
  ];
  let chapter = -1;
  for (const p of placed) {
    if (p.chapterIndex !== chapter) {
      chapter = p.chapterIndex;
      lines.push(`## ${script.chapters[chapter]?.title ?? ""}`, "");
    }
    lines.push(`${p.speaker} (${formatClock(p.startSample / sampleRate)}) ${p.text}`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function escapeVtt(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Renders WebVTT captions: one cue per sentence with a `<v Speaker>` voice tag. Within a paragraph the
 * sentences share its measured duration in proportion to their length in characters. Each chapter is
 * announced by a `NOTE Chapter: Title` block before its first cue.
 */
export function renderVtt(script: EpisodeScript, placed: PlacedParagraph[], sampleRate: number): string {
  const blocks = [
    `WEBVTT - ${script.title}`,
    `NOTE\n${script.show}. Original work, CC BY 4.0, the deeplisten authors.`,
  ];
  let chapter = -1;
  for (const p of placed) {
    if (p.chapterIndex !== chapter) {
      chapter = p.chapterIndex;
      blocks.push(`NOTE Chapter: ${script.chapters[chapter]?.title ?? ""}`);
    }
    const sentences = splitSentences(p.text);
    const totalChars = sentences.reduce((sum, s) => sum + s.length, 0);
    const start = p.startSample / sampleRate;
    const duration = p.lengthSamples / sampleRate;
    let chars = 0;
    for (const sentence of sentences) {
      const from = start + (duration * chars) / totalChars;
      chars += sentence.length;
      const to = start + (duration * chars) / totalChars;
      blocks.push(`${formatVttTime(from)} --> ${formatVttTime(to)}\n<v ${p.speaker}>${escapeVtt(sentence)}`);
    }
  }
  return `${blocks.join("\n\n")}\n`;
}

/** Renders Podcasting 2.0 JSON chapters: each chapter starts where its first paragraph starts. */
export function renderChapters(script: EpisodeScript, placed: PlacedParagraph[], sampleRate: number): string {
  const chapters = script.chapters.map((chapter, index) => {
    const first = placed.find((p) => p.chapterIndex === index);
    if (!first) throw new Error(`chapter "${chapter.title}" has no audio`);
    return { startTime: Math.round((first.startSample / sampleRate) * 1000) / 1000, title: chapter.title };
  });
  return `${JSON.stringify({ version: "1.2.0", chapters }, null, 2)}\n`;
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") {
      throw new Error(`${command} is not installed. On Debian: apt-get install espeak-ng sox libsox-fmt-all ffmpeg`);
    }
    throw new Error(`${command} failed: ${e.stderr?.trim() || e.message}`);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Builds every output file of the sample episode in `episodeDir` and prints a summary. */
export function buildSample(episodeDir: string): void {
  const script = JSON.parse(readFileSync(join(episodeDir, "script.json"), "utf8")) as EpisodeScript;
  validateScript(script);
  const voiceOf = new Map(script.people.map((p) => [p.name, p.voice]));
  const work = mkdtempSync(join(tmpdir(), "deeplisten-sample-"));
  try {
    // 1. One clip per paragraph, measured from its WAV header.
    const clips: { file: string; paragraph: Omit<PlacedParagraph, "startSample" | "lengthSamples"> }[] = [];
    script.chapters.forEach((chapter, chapterIndex) => {
      chapter.turns.forEach((turn, turnIndex) => {
        splitParagraphs(turn.text).forEach((text, paragraphIndex) => {
          const file = join(work, `clip-${String(clips.length).padStart(4, "0")}.wav`);
          const voice = voiceOf.get(turn.speaker) ?? "en";
          run("espeak-ng", ["-v", voice, "-s", String(SPEAKING_RATE_WPM), "-w", file, spokenForm(text)]);
          clips.push({ file, paragraph: { chapterIndex, turnIndex, paragraphIndex, speaker: turn.speaker, text } });
        });
      });
    });
    const infos = clips.map((clip) => readWavInfo(readFileSync(clip.file)));
    const sampleRate = infos[0]?.sampleRate ?? 22050;
    for (const info of infos) {
      if (info.sampleRate !== sampleRate || info.channels !== 1 || info.bitsPerSample !== 16) {
        throw new Error("espeak-ng produced clips in differing formats");
      }
    }

    // 2. Place the clips on one timeline, counted in samples so the times are exact and repeatable.
    const turnPause = join(work, "pause-turn.wav");
    const paragraphPause = join(work, "pause-paragraph.wav");
    const turnPauseFrames = Math.round(PAUSE_BETWEEN_TURNS_S * sampleRate);
    const paragraphPauseFrames = Math.round(PAUSE_BETWEEN_PARAGRAPHS_S * sampleRate);
    writeFileSync(turnPause, silentWav(sampleRate, turnPauseFrames));
    writeFileSync(paragraphPause, silentWav(sampleRate, paragraphPauseFrames));
    const placed: PlacedParagraph[] = [];
    const soxInputs: string[] = [];
    let cursor = 0;
    clips.forEach((clip, i) => {
      if (i > 0) {
        const sameTurn = clip.paragraph.paragraphIndex > 0;
        soxInputs.push(sameTurn ? paragraphPause : turnPause);
        cursor += sameTurn ? paragraphPauseFrames : turnPauseFrames;
      }
      const lengthSamples = infos[i]?.frames ?? 0;
      placed.push({ ...clip.paragraph, startSample: cursor, lengthSamples });
      soxInputs.push(clip.file);
      cursor += lengthSamples;
    });
    const fullWav = join(work, "episode.wav");
    run("sox", [...soxInputs, fullWav]);
    const fullFrames = readWavInfo(readFileSync(fullWav)).frames;
    if (fullFrames !== cursor) throw new Error(`sox wrote ${fullFrames} samples, the timeline has ${cursor}`);
    const soxiSeconds = Number(run("soxi", ["-D", fullWav]).trim());

    // 3. Compress. The bitexact flags keep the Ogg serial number and encoder tag fixed, so rebuilds are identical.
    const opus = join(episodeDir, "audio.opus");
    run("ffmpeg", [
      ...["-y", "-hide_banner", "-loglevel", "error", "-i", fullWav],
      ...["-map_metadata", "-1", "-ac", "1", "-ar", "24000"],
      ...["-c:a", "libopus", "-b:a", OPUS_BITRATE, "-application", "voip"],
      ...["-fflags", "+bitexact", "-flags:a", "+bitexact", opus],
    ]);

    // 4. Text tracks.
    writeFileSync(join(episodeDir, "transcript.txt"), renderTranscript(script, placed, sampleRate));
    writeFileSync(join(episodeDir, "transcript.vtt"), renderVtt(script, placed, sampleRate));
    writeFileSync(join(episodeDir, "chapters.json"), renderChapters(script, placed, sampleRate));

    // 5. The audio must end where the last paragraph ends.
    const last = placed[placed.length - 1];
    const lastEnd = last ? (last.startSample + last.lengthSamples) / sampleRate : 0;
    const opusSeconds = Number(
      run("ffprobe", ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", opus]).trim(),
    );
    if (Math.abs(opusSeconds - lastEnd) > 1) {
      throw new Error(`audio.opus lasts ${opusSeconds}s but the last paragraph ends at ${lastEnd}s`);
    }

    const words = placed.reduce((sum, p) => sum + countWords(p.text), 0);
    const turns = script.chapters.reduce((sum, c) => sum + c.turns.length, 0);
    const sizes = ["audio.opus", "transcript.txt", "transcript.vtt", "chapters.json"].map(
      (name) => `${name} ${formatBytes(statSync(join(episodeDir, name)).size)}`,
    );
    console.log(
      [
        `Built "${script.title}" in ${episodeDir}`,
        `  duration   ${formatVttTime(soxiSeconds)} (wav ${soxiSeconds.toFixed(3)} s, opus ${opusSeconds.toFixed(3)} s)`,
        `  last line  starts ${formatVttTime((last?.startSample ?? 0) / sampleRate)}, ends ${formatVttTime(lastEnd)}`,
        `  words      ${words} in ${turns} turns, ${placed.length} paragraphs, ${script.chapters.length} chapters`,
        `  pace       ${((words / soxiSeconds) * 60).toFixed(0)} words per minute including pauses`,
        `  files      ${sizes.join(", ")}`,
      ].join("\n"),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  buildSample(join(dirname(fileURLToPath(import.meta.url)), "reasoning-debate"));
}
