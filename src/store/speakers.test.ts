import { afterEach, describe, expect, it } from "vitest";
import { freshStore } from "../../test/helpers/store.js";
import { getEpisode, getSegments, insertEpisode, type NewEpisode } from "./episodes.js";
import { acceptQuote, listQuoteAcceptances } from "./quote-acceptance.js";
import {
  listSpeakerChanges,
  listSpeakers,
  relabelSegments,
  renameSpeaker,
  SpeakerChangeError,
  undoLastSpeakerChange,
} from "./speakers.js";
import { addStanceTopic, listStances, saveStanceCell } from "./stances.js";

const stores: ReturnType<typeof freshStore>[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.cleanup();
});

// Paragraphs 1..8 with the labels a scraped transcript gives them: Lex's question, then Sebastian's
// answer filed under Lex (2, 3), Sebastian, Lex again, Nathan twice, Lex.
const LABELS = ["Lex", "Lex", "Lex", "Sebastian", "Lex", "Nathan", "Nathan", "Lex"];

function library(overrides: Partial<NewEpisode> = {}, into?: ReturnType<typeof freshStore>) {
  const s = into ?? freshStore();
  if (!into) stores.push(s);
  const episodeId = insertEpisode(s, {
    title: "State of AI",
    show: null,
    language: "en",
    durationMs: 80_000,
    wordCount: 40,
    format: "speaker-timestamp-lines",
    source: { kind: "file", ref: "a.txt", sha256: "a" },
    audioUrl: null,
    videoUrl: null,
    timingEstimated: false,
    speakersAnonymous: false,
    people: [
      { name: "Lex", role: "host", anonymous: false },
      { name: "Sebastian", role: "guest", anonymous: false },
      { name: "Nathan", role: "guest", anonymous: false },
    ],
    segments: LABELS.map((speaker, i) => ({
      startMs: i * 10_000,
      endMs: i * 10_000 + 9_000,
      speaker,
      text: `paragraph ${i + 1}`,
    })),
    chapters: [],
    ...overrides,
  });
  const ids = getSegments(s, episodeId).map((x) => x.id);
  return { s, episodeId, ids };
}

/** Everything a correction may touch, to compare before and after an undo. */
function snapshot(s: ReturnType<typeof freshStore>, episodeId: string) {
  return {
    speakers: s.db
      .prepare("SELECT id, name, role, anonymous FROM speaker WHERE episode_id = ? ORDER BY id")
      .all(episodeId),
    segments: s.db.prepare("SELECT id, speaker_id FROM segment WHERE episode_id = ? ORDER BY idx").all(episodeId),
    episode: s.db.prepare("SELECT speakers_anonymous FROM episode WHERE id = ?").get(episodeId),
  };
}

const labels = (s: ReturnType<typeof freshStore>, episodeId: string) => getSegments(s, episodeId).map((x) => x.speaker);

describe("speaker corrections", () => {
  it("lists the speakers with their paragraph counts, in order of appearance", () => {
    const { s, episodeId } = library();
    expect(listSpeakers(s, episodeId).map((x) => [x.name, x.role, x.paragraphs])).toEqual([
      ["Lex", "host", 5],
      ["Sebastian", "guest", 1],
      ["Nathan", "guest", 2],
    ]);
  });

  it("renames a speaker everywhere at once, and undo restores the old name", () => {
    const { s, episodeId } = library();
    const before = snapshot(s, episodeId);
    const change = renameSpeaker(s, episodeId, "Sebastian", "Sebastian Raschka");
    expect(change).toMatchObject({ kind: "rename", summary: "Sebastian -> Sebastian Raschka (1 paragraph)" });
    expect(labels(s, episodeId)[3]).toBe("Sebastian Raschka");
    expect(getEpisode(s, episodeId)?.speakers).toContain("Sebastian Raschka");
    expect(undoLastSpeakerChange(s, episodeId)?.id).toBe(change?.id);
    expect(snapshot(s, episodeId)).toEqual(before);
  });

  it("merges two speakers when renaming onto an existing name, and undo splits them again exactly", () => {
    const { s, episodeId } = library();
    const before = snapshot(s, episodeId);
    const change = renameSpeaker(s, episodeId, "Nathan", "sebastian");
    expect(change).toMatchObject({ kind: "merge", summary: "Nathan merged into Sebastian (2 paragraphs)" });
    expect(listSpeakers(s, episodeId).map((x) => [x.name, x.paragraphs])).toEqual([
      ["Lex", 5],
      ["Sebastian", 3],
    ]);
    undoLastSpeakerChange(s, episodeId);
    expect(snapshot(s, episodeId)).toEqual(before);
  });

  it("relabels one paragraph, a whole turn, or every paragraph until the next change", () => {
    const { s, episodeId, ids } = library();
    relabelSegments(s, episodeId, { segmentIds: [ids[2] as number] }, "Sebastian");
    expect(labels(s, episodeId)).toEqual(["Lex", "Lex", "Sebastian", "Sebastian", "Lex", "Nathan", "Nathan", "Lex"]);
    undoLastSpeakerChange(s, episodeId);

    // From paragraph 2 to the next change: 2 and 3, not the question before.
    relabelSegments(s, episodeId, { fromSegmentId: ids[1] as number, scope: "until-next-change" }, "Sebastian");
    expect(labels(s, episodeId)).toEqual([
      "Lex",
      "Sebastian",
      "Sebastian",
      "Sebastian",
      "Lex",
      "Nathan",
      "Nathan",
      "Lex",
    ]);
    undoLastSpeakerChange(s, episodeId);

    // The whole turn around paragraph 7: 6 and 7.
    const turn = relabelSegments(s, episodeId, { fromSegmentId: ids[6] as number, scope: "turn" }, "Sebastian");
    expect(turn?.segmentIds).toEqual([ids[5], ids[6]]);
    expect(labels(s, episodeId)).toEqual(["Lex", "Lex", "Lex", "Sebastian", "Lex", "Sebastian", "Sebastian", "Lex"]);
  });

  it("creates a new speaker for a name nobody has, and undo removes it again", () => {
    const { s, episodeId, ids } = library();
    const before = snapshot(s, episodeId);
    relabelSegments(s, episodeId, { segmentIds: [ids[4] as number] }, "Dylan Patel");
    expect(listSpeakers(s, episodeId).find((x) => x.name === "Dylan Patel")).toMatchObject({
      role: "speaker",
      paragraphs: 1,
    });
    undoLastSpeakerChange(s, episodeId);
    expect(snapshot(s, episodeId)).toEqual(before);
  });

  it("undoes a chain of changes newest first, back to exactly the imported labels", () => {
    const { s, episodeId, ids } = library();
    const before = snapshot(s, episodeId);
    relabelSegments(s, episodeId, { fromSegmentId: ids[1] as number, scope: "until-next-change" }, "Sebastian");
    renameSpeaker(s, episodeId, "Sebastian", "Sebastian Raschka");
    renameSpeaker(s, episodeId, "Nathan", "Sebastian Raschka");
    relabelSegments(s, episodeId, { segmentIds: [ids[7] as number] }, "Someone New");
    renameSpeaker(s, episodeId, "Lex", "Lex Fridman");
    expect(listSpeakerChanges(s, episodeId).map((c) => c.kind)).toEqual([
      "rename",
      "relabel",
      "merge",
      "rename",
      "relabel",
    ]);
    let undone = 0;
    while (undoLastSpeakerChange(s, episodeId)) undone++;
    expect(undone).toBe(5);
    expect(snapshot(s, episodeId)).toEqual(before);
    expect(listSpeakerChanges(s, episodeId).every((c) => c.undoneAt !== null)).toBe(true);
    expect(undoLastSpeakerChange(s, episodeId)).toBeNull();
  });

  it("brings a merged-away speaker back under a new id if its old id was taken meanwhile", () => {
    const { s, episodeId } = library();
    const nathanId = listSpeakers(s, episodeId).find((x) => x.name === "Nathan")?.id as number;
    renameSpeaker(s, episodeId, "Nathan", "Sebastian");
    // Another episode's import reuses the freed (highest) id.
    const other = library({ source: { kind: "file", ref: "b.txt", sha256: "b" } }, s).episodeId;
    expect(s.db.prepare("SELECT episode_id FROM speaker WHERE id = ?").get(nathanId)).toEqual({ episode_id: other });
    undoLastSpeakerChange(s, episodeId);
    expect(labels(s, episodeId)).toEqual(LABELS);
    expect(listSpeakers(s, episodeId).find((x) => x.name === "Nathan")?.id).not.toBe(nathanId);
    expect(labels(s, other)).toEqual(LABELS);
  });

  it("clears the anonymous flag once every anonymous voice is named, and undo brings it back", () => {
    const { s, episodeId } = library({
      speakersAnonymous: true,
      people: [],
      segments: [
        { startMs: 0, endMs: 1000, speaker: "Speaker 1", text: "a" },
        { startMs: 1000, endMs: 2000, speaker: "Speaker 2", text: "b" },
      ],
    });
    renameSpeaker(s, episodeId, "Speaker 1", "Lex Fridman");
    expect(getEpisode(s, episodeId)?.speakersAnonymous).toBe(true);
    renameSpeaker(s, episodeId, "Speaker 2", "Nathan Lambert");
    expect(getEpisode(s, episodeId)?.speakersAnonymous).toBe(false);
    undoLastSpeakerChange(s, episodeId);
    expect(getEpisode(s, episodeId)?.speakersAnonymous).toBe(true);
    expect(listSpeakers(s, episodeId).find((x) => x.name === "Speaker 2")?.anonymous).toBe(true);
  });

  it("changes nothing for a no-op, and refuses unknown speakers and paragraphs without writing", () => {
    const { s, episodeId, ids } = library();
    const before = snapshot(s, episodeId);
    expect(renameSpeaker(s, episodeId, "Lex", "Lex")).toBeNull();
    expect(relabelSegments(s, episodeId, { segmentIds: [ids[0] as number] }, "Lex")).toBeNull();
    expect(() => renameSpeaker(s, episodeId, "Dylan", "X")).toThrow(SpeakerChangeError);
    expect(() => renameSpeaker(s, episodeId, "Lex", "  ")).toThrow(/empty/);
    expect(() => relabelSegments(s, episodeId, { segmentIds: [999_999] }, "Lex")).toThrow(/not in this episode/);
    expect(snapshot(s, episodeId)).toEqual(before);
    expect(listSpeakerChanges(s, episodeId)).toEqual([]);
  });

  it("takes the learner's stance cells and accepted quotes along with a rename or merge, and undo brings them back", () => {
    const { s, episodeId } = library();
    const topic = addStanceTopic(s, episodeId, { title: "Scaling" });
    const other = addStanceTopic(s, episodeId, { title: "Open weights" });
    const cell = (speaker: string, position: string) => ({
      speaker,
      position,
      quote: "",
      startMs: null,
      segmentId: null,
    });
    saveStanceCell(s, episodeId, topic.id, cell("Sebastian", "scaling holds"));
    saveStanceCell(s, episodeId, other.id, cell("Sebastian", "open wins"));
    saveStanceCell(s, episodeId, other.id, cell("Nathan", "open is behind"));
    acceptQuote(s, episodeId, { quote: "paragraph 4", speaker: "Sebastian", verdict: "wrong-speaker" });
    const cells = () =>
      listStances(s, episodeId).map((t) => [t.title, t.cells.map((c) => `${c.speaker}: ${c.position}`)]);

    renameSpeaker(s, episodeId, "Sebastian", "Sebastian Raschka");
    expect(cells()).toEqual([
      ["Scaling", ["Sebastian Raschka: scaling holds"]],
      ["Open weights", ["Nathan: open is behind", "Sebastian Raschka: open wins"]],
    ]);
    expect(listQuoteAcceptances(s, episodeId).map((a) => a.speaker)).toEqual(["Sebastian Raschka"]);

    // Merged into Nathan: where Nathan has a cell of his own, Sebastian's stays under his old name.
    renameSpeaker(s, episodeId, "Sebastian Raschka", "Nathan");
    expect(cells()).toEqual([
      ["Scaling", ["Nathan: scaling holds"]],
      ["Open weights", ["Nathan: open is behind", "Sebastian Raschka: open wins"]],
    ]);

    undoLastSpeakerChange(s, episodeId);
    undoLastSpeakerChange(s, episodeId);
    expect(cells()).toEqual([
      ["Scaling", ["Sebastian: scaling holds"]],
      ["Open weights", ["Nathan: open is behind", "Sebastian: open wins"]],
    ]);
    expect(listQuoteAcceptances(s, episodeId).map((a) => a.speaker)).toEqual(["Sebastian"]);
  });
});
