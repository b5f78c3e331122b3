import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APKG_BASIC_MODEL_ID,
  APKG_CLOZE_MODEL_ID,
  ankiNotes,
  type EpisodeExportData,
  episodeToApkg,
  episodeToPost,
} from "../src/export/index.js";
import { episodeBackup, restoreEpisodeBackup } from "../src/library/episode-backup.js";
import {
  analyzeStoredEpisode,
  importEpisode,
  libraryGlossary,
  libraryPacks,
  loadEpisodeExportData,
  SAMPLE,
} from "../src/library/index.js";
import { loadPostExtras } from "../src/library/post-data.js";
import { answerCard, refreshEpisodeCards } from "../src/library/review-session.js";
import {
  addListenSpan,
  addMark,
  addStanceTopic,
  findConcept,
  getLearnerMap,
  getMasteryState,
  getSegments,
  listAttempts,
  listMarks,
  listStances,
  recordAttempt,
  saveLearnerMap,
  saveStanceCell,
} from "../src/store/index.js";
import { addInsight, listInsights } from "../src/store/insights.js";
import { acceptQuote, listQuoteAcceptances, unacceptQuote } from "../src/store/quote-acceptance.js";
import { listReviewCards } from "../src/store/review-cards.js";
import { freshStore } from "./helpers/store.js";

/**
 * The learner's side of the exports on the bundled sample: a learner who marked and verified
 * concepts, drew their own map, filled the stance table (one quote credited to the wrong speaker),
 * wrote an insight and reviewed cards. The post, the Anki package and the episode backup are read
 * back with real parsers (Markdown text, zip + SQLite, JSON) and compared with the library.
 */
let store: ReturnType<typeof freshStore>;
let episodeId: string;
const VIDEO = "https://www.youtube.com/watch?v=sampleVideo";
const MOE_EXPLANATION =
  "Instead of one feed-forward block, each layer has many expert networks and a router that sends each token to only a few of them, so total parameters grow while compute per token stays small.";
/** Said by Dr. Lena Vogel at 00:01:15; the learner credits it to Dr. Arjun Patel. */
const MISATTRIBUTED = "reinforcement learning is a very good key, but it doesn't build the room";
/** Said by Dr. Arjun Patel at 00:00:41, credited to him. */
const RIGHT = "The reasoning we see in models like DeepSeek-R1 or OpenAI's o1 is a product of post-training";
const INSIGHT =
  "I used to think RL creates reasoning; now I see it mostly selects what pre-training already put there.";

function data(language?: "en" | "zh"): EpisodeExportData {
  return loadEpisodeExportData(store, episodeId, { packs: libraryPacks(store.dir), language }) as EpisodeExportData;
}

function post(language?: "en" | "zh"): string {
  const d = data(language);
  return episodeToPost(d, loadPostExtras(store, episodeId, d, libraryPacks(store.dir)));
}

beforeAll(async () => {
  store = freshStore();
  const { episode } = await importEpisode(store, {
    source: SAMPLE.transcript,
    audioUrl: SAMPLE.audio,
    sourceKind: "sample",
  });
  episodeId = episode.id;
  analyzeStoredEpisode(store, episodeId, libraryGlossary(store.dir));
  store.db.prepare("UPDATE episode SET video_url = ? WHERE id = ?").run(VIDEO, episodeId);
  const moe = findConcept(store, "MoE", episodeId);
  const grpo = findConcept(store, "GRPO", episodeId);
  if (!moe || !grpo) throw new Error("the sample lost MoE or GRPO");
  for (const c of [moe, grpo]) {
    addMark(store, {
      episodeId,
      pass: 1,
      kind: "term",
      startMs: 163_000,
      segmentId: null,
      selection: c.name,
      conceptId: c.id,
      confidence: 2,
      note: null,
    });
  }
  recordAttempt(store, {
    conceptId: moe.id,
    episodeId,
    language: "en",
    confidence: 4,
    text: MOE_EXPLANATION,
    verdict: "verified",
    covered: ["experts", "router", "sparse"],
    missing: [],
    misconceptions: [],
    feedback: "",
    grader: "offline",
  });
  const moeSegment = getSegments(store, episodeId).find((s) => s.startMs === 163_000);
  saveLearnerMap(
    store,
    episodeId,
    {
      nodeData: {
        id: "root",
        topic: "Where reasoning comes from",
        children: [
          {
            id: "pre",
            topic: "Pre-training soaks up knowledge",
            children: [
              {
                id: "moe",
                topic: "Mixture of Experts",
                metadata: { deeplisten: { conceptKey: moe.key, startMs: 163_000, segmentId: moeSegment?.id } },
              },
            ],
          },
          {
            id: "post",
            topic: "Post-training unlocks it",
            children: [{ id: "grpo", topic: "GRPO", metadata: { deeplisten: { conceptKey: grpo.key } } }],
          },
        ],
      },
      direction: 2,
    },
    0,
  );
  const topic = addStanceTopic(store, episodeId, { title: "Does RL create reasoning?" });
  saveStanceCell(store, episodeId, topic.id, {
    speaker: "Dr. Arjun Patel",
    position: "RL creates it",
    quote: RIGHT,
    startMs: 41_000,
    segmentId: null,
  });
  saveStanceCell(store, episodeId, topic.id, {
    speaker: "Dr. Lena Vogel",
    position: "Pre-training holds the capacity",
    quote: "",
    startMs: null,
    segmentId: null,
  });
  const second = addStanceTopic(store, episodeId, { title: "What RL is for" });
  saveStanceCell(store, episodeId, second.id, {
    speaker: "Dr. Arjun Patel",
    position: "a key",
    quote: MISATTRIBUTED,
    startMs: 75_000,
    segmentId: null,
  });
  addInsight(store, episodeId, {
    text: INSIGHT,
    conceptIds: [grpo.id],
    moments: [{ startMs: 75_000, segmentId: null }],
  });
  addListenSpan(store, episodeId, { pass: 1, startMs: 0, endMs: 1_200_000, wallMs: 1_500_000 });
  addListenSpan(store, episodeId, { pass: 2, startMs: 0, endMs: 600_000, wallMs: 700_000 });
  refreshEpisodeCards(store, episodeId, libraryPacks(store.dir));
  const cloze = listReviewCards(store, episodeId).find((c) => c.kind === "cloze");
  if (cloze)
    answerCard(store, libraryPacks(store.dir), {
      cardId: cloze.id,
      answer: cloze.answer,
      confidence: 4,
      language: "en",
    });
});

afterAll(() => store.cleanup());

describe("the blog post", () => {
  it("lists the misattributed quote at the very top, naming who really says it, and not the right one", () => {
    const text = post();
    const top = text.slice(0, text.indexOf("\n# "));
    expect(top).toContain("Check before publishing: 1 quote(s)");
    expect(top).toContain(MISATTRIBUTED);
    expect(top).toContain(
      `credited to Dr. Arjun Patel, but the transcript has Dr. Lena Vogel saying it at [\\[00:01:15\\]](${VIDEO}&t=75s).`,
    );
    expect(top).not.toContain("product of post-training");
  });

  it("has front matter with a description, the method with time per pass, and the learner's map as ASCII with one section per branch", () => {
    const text = post();
    const front = text.split("\n---\n")[0] as string;
    expect(front.startsWith("---\ntitle: ")).toBe(true);
    expect(front).toMatch(/\ndescription: ".*1 concept\(s\) explained in my own words/);
    expect(text).toContain("## Why this episode, and who is speaking");
    expect(text).toContain("a conversation between Maya Chen, Dr. Arjun Patel and Dr. Lena Vogel");
    expect(text).toMatch(/\| 1\. Listen and mark \| 2 mark\(s\) \| 25 min \|/);
    expect(text).toMatch(/\| 2\. Listen for the clashes \| 2 topic\(s\) in the stance table \| 12 min \|/);
    expect(text).toContain("My mind map of the episode:");
    expect(text).toContain(
      "Where reasoning comes from\n├── Pre-training soaks up knowledge\n│   └── Mixture of Experts\n└── Post-training unlocks it\n    └── GRPO",
    );
    expect(text).toContain("## Pre-training soaks up knowledge");
    expect(text).toContain("## Post-training unlocks it");
    // The concept node carries the learner's own verified words and the moment, linked to the video.
    expect(text).toContain(
      `- **Mixture of Experts** [\\[00:02:43\\]](${VIDEO}&t=163s): Instead of one feed-forward block`,
    );
  });

  it("shows the verified explanations, the positions side by side with linked quotes, the insight and a learning path", () => {
    const text = post();
    expect(text).toMatch(/\| Mixture of Experts \| Instead of one feed-forward block.* \| verified ✓ \|/);
    expect(text).toMatch(/\| GRPO \| — \| not verified yet \(marked\) \|/);
    expect(text).toContain("| Topic | Dr. Arjun Patel | Dr. Lena Vogel | My take |");
    expect(text).toContain(
      `RL creates it<br>“The reasoning we see in models like DeepSeek-R1 or OpenAI's o1 is a product of post-training” [\\[00:00:41\\]](${VIDEO}&t=41s)`,
    );
    expect(text).toContain("## What changed in my thinking");
    expect(text).toContain(`- ${INSIGHT} (*GRPO*, [\\[00:01:15\\]](${VIDEO}&t=75s))`);
    const path = text.slice(text.indexOf("## Learning path"));
    const items = path.split("\n").filter((l) => /^\d+\. /.test(l));
    expect(items.some((l) => l.includes("Mixture of Experts"))).toBe(true);
    expect(items.some((l) => l.includes("GRPO"))).toBe(true);
    // Prerequisites come before the concept that needs them.
    const grpoAt = items.findIndex((l) => l.includes("GRPO"));
    const ppoAt = items.findIndex((l) => /PPO|Proximal/.test(l));
    if (ppoAt >= 0) expect(ppoAt).toBeLessThan(grpoAt);
  });

  it("is written in Chinese for a Chinese-speaking learner", () => {
    const text = post("zh");
    expect(text).toContain("发布前请核对：有 1 条引语");
    expect(text).toContain("## 为什么是这一期，谁在说话");
    expect(text).toContain("## 我能讲清楚的概念");
    expect(text).toContain("## 嘉宾观点对照");
    expect(text).toContain("## 我的想法有什么变化");
  });

  it("drops the warning once the learner credits the quote to the right speaker", () => {
    const second = listStances(store, episodeId).find((t) => t.title === "What RL is for");
    if (!second) throw new Error("topic lost");
    store.db.prepare("DELETE FROM stance_cell WHERE topic_id = ?").run(second.id);
    saveStanceCell(store, episodeId, second.id, {
      speaker: "Dr. Lena Vogel",
      position: "a key",
      quote: MISATTRIBUTED,
      startMs: 75_000,
      segmentId: null,
    });
    expect(post()).not.toContain("Check before publishing");
  });
});

describe("the Anki package", () => {
  it("is a zip with a SQLite collection Anki reads: the same notes as the text export, one card each", () => {
    const d = data();
    const files = unzipSync(episodeToApkg(d));
    expect(Object.keys(files).sort()).toEqual(["collection.anki2", "media"]);
    expect(new TextDecoder().decode(files.media)).toBe("{}");
    const dir = mkdtempSync(join(tmpdir(), "deeplisten-apkg-read-"));
    try {
      const file = join(dir, "collection.anki2");
      writeFileSync(file, files["collection.anki2"] as Uint8Array);
      const db = new Database(file, { readonly: true });
      const expected = ankiNotes(d);
      const notes = db.prepare("SELECT guid, mid, flds, sfld, tags, csum FROM notes ORDER BY id").all() as {
        guid: string;
        mid: number;
        flds: string;
        sfld: string;
        tags: string;
        csum: number;
      }[];
      expect(notes.map((n) => n.guid)).toEqual(expected.map((n) => n.guid));
      expect(notes.map((n) => n.flds.split("\x1f"))).toEqual(expected.map((n) => [n.field1, n.field2]));
      expect(notes.map((n) => n.mid)).toEqual(
        expected.map((n) => (n.notetype === "Cloze" ? APKG_CLOZE_MODEL_ID : APKG_BASIC_MODEL_ID)),
      );
      expect(notes.every((n) => n.tags.startsWith(" deeplisten ") && n.csum > 0)).toBe(true);
      const moe = notes.find((n) => n.flds.includes("Mixture of Experts") && n.mid === APKG_BASIC_MODEL_ID);
      expect(moe?.flds).toContain(MOE_EXPLANATION);
      const cards = db.prepare("SELECT nid, did, ord, queue, type FROM cards").all() as {
        did: number;
        ord: number;
        queue: number;
      }[];
      expect(cards).toHaveLength(notes.length);
      const col = db.prepare("SELECT ver, models, decks, dconf FROM col").get() as {
        ver: number;
        models: string;
        decks: string;
        dconf: string;
      };
      expect(col.ver).toBe(11);
      const models = JSON.parse(col.models) as Record<string, { name: string; type: number; flds: { name: string }[] }>;
      expect(models[APKG_CLOZE_MODEL_ID]?.type).toBe(1);
      expect(models[APKG_BASIC_MODEL_ID]?.flds.map((f) => f.name)).toEqual(["Front", "Back"]);
      const decks = Object.values(JSON.parse(col.decks) as Record<string, { id: number; name: string }>);
      const deck = decks.find((k) => k.name.startsWith("deeplisten::"));
      expect(deck?.name).toBe("deeplisten::Where Does Reasoning Come From? Pre-training vs. Post-training");
      expect(new Set(cards.map((c) => c.did))).toEqual(new Set([deck?.id]));
      for (const table of ["revlog", "graves"]) {
        expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n).toBe(0);
      }
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the episode backup", () => {
  it("brings back the marks, attempts, map, stances, insights, cards, accepted quotes and mastery in another library", () => {
    acceptQuote(store, episodeId, {
      quote: "A paraphrase I stand by",
      speaker: "Dr. Lena Vogel",
      verdict: "not-found",
    });
    const backup = JSON.parse(JSON.stringify(episodeBackup(store, episodeId)));
    unacceptQuote(store, episodeId, "A paraphrase I stand by", "Dr. Lena Vogel");
    const other = freshStore();
    try {
      const restored = restoreEpisodeBackup(other, backup, {
        analyze: (s, id) => analyzeStoredEpisode(s, id, libraryGlossary(other.dir)),
      });
      const id = restored.episodeId;
      expect(getSegments(other, id).map((s) => [s.startMs, s.speaker, s.text])).toEqual(
        getSegments(store, episodeId).map((s) => [s.startMs, s.speaker, s.text]),
      );
      const strip = <T extends { id?: unknown; episodeId?: unknown; segmentId?: unknown; conceptId?: unknown }>(
        rows: T[],
      ) => rows.map(({ id: _i, episodeId: _e, segmentId: _s, conceptId: _c, ...rest }) => rest);
      expect(strip(listMarks(other, id))).toEqual(strip(listMarks(store, episodeId)));
      const moeThere = findConcept(other, "MoE", id);
      const moeHere = findConcept(store, "MoE", episodeId);
      expect(moeThere && getMasteryState(other, moeThere.id)).toBe("verified");
      expect(
        listAttempts(other, moeThere?.id as number).map((a) => [a.text, a.verdict, a.confidence, a.createdAt]),
      ).toEqual(listAttempts(store, moeHere?.id as number).map((a) => [a.text, a.verdict, a.confidence, a.createdAt]));
      // The map's moment link points at the same moment of the restored transcript.
      const map = getLearnerMap(other, id)?.tree as {
        nodeData: { children: { children?: { metadata?: { deeplisten?: { segmentId?: number } } }[] }[] };
      };
      const link = map.nodeData.children[0]?.children?.[0]?.metadata?.deeplisten?.segmentId;
      expect(getSegments(other, id).find((s) => s.id === link)?.startMs).toBe(163_000);
      expect(getLearnerMap(other, id)?.revision).toBe(getLearnerMap(store, episodeId)?.revision);
      const cells = (rows: ReturnType<typeof listStances>) =>
        rows.map((t) => [t.title, t.synthesis, t.cells.map((c) => [c.speaker, c.position, c.quote, c.startMs])]);
      expect(cells(listStances(other, id))).toEqual(cells(listStances(store, episodeId)));
      const insights = listInsights(other, id);
      expect(insights.map((i) => i.text)).toEqual([INSIGHT]);
      expect(insights[0]?.conceptIds).toEqual([findConcept(other, "GRPO", id)?.id]);
      const cardShape = (rows: ReturnType<typeof listReviewCards>) =>
        rows.map((c) => [c.conceptKey, c.kind, c.prompt, c.due, c.reps, c.stability, c.state]);
      expect(cardShape(listReviewCards(other, id))).toEqual(cardShape(listReviewCards(store, episodeId)));
      expect(restored.counts.cards).toBe(listReviewCards(store, episodeId).length);
      expect(listQuoteAcceptances(other, id).map((q) => [q.quote, q.speaker, q.verdict])).toEqual([
        ["A paraphrase I stand by", "Dr. Lena Vogel", "not-found"],
      ]);
      // The same file twice: refused, nothing changed.
      expect(() => restoreEpisodeBackup(other, backup)).toThrow(/already in the library/);
    } finally {
      other.cleanup();
    }
  });

  it("refuses a file that is not a backup, and a newer version, with a sentence saying why", () => {
    const other = freshStore();
    try {
      expect(() => restoreEpisodeBackup(other, { hello: 1 })).toThrow(/not a deeplisten episode backup/);
      expect(() => restoreEpisodeBackup(other, { format: "deeplisten-episode", version: 99 })).toThrow(/version 99/);
    } finally {
      other.cleanup();
    }
  });
});
