import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { strToU8, zipSync } from "fflate";
import { type AnkiNote, ankiDeckName, ankiNotes } from "./anki.js";
import type { EpisodeExportData } from "./types.js";

/**
 * A real Anki package (.apkg): a zip holding `collection.anki2`, a SQLite collection in Anki's
 * schema 11 (tables col, notes, cards, revlog, graves; note types, decks and deck options as JSON
 * in `col`), and `media` (`{}`: no media files). Anki 2.1 and AnkiDroid import it as a new deck.
 * The notes are the same as the text export's (`ankiNotes`): "explain X" Basic notes and Cloze
 * notes of the defining sentences. Note-type and deck ids are fixed or derived from names, and
 * guids are stable, so importing a newer export updates the notes instead of duplicating them.
 * The database is built in a temporary file (better-sqlite3 cannot serialise to a zip by itself)
 * that is removed afterwards.
 */
export function episodeToApkg(data: EpisodeExportData): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "deeplisten-apkg-"));
  try {
    const file = join(dir, "collection.anki2");
    const db = new Database(file);
    try {
      writeCollection(db, data, ankiNotes(data));
    } finally {
      db.close();
    }
    return zipSync({ "collection.anki2": readFileSync(file), media: strToU8("{}") });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fixed ids of deeplisten's two note types, so every export updates the same ones. */
export const APKG_BASIC_MODEL_ID = 1_737_000_000_001;
export const APKG_CLOZE_MODEL_ID = 1_737_000_000_002;

const SCHEMA = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
  odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

const CSS =
  ".card { font-family: sans-serif; font-size: 20px; text-align: left; color: black; background-color: white; }\n.cloze { font-weight: bold; color: blue; }";

function writeCollection(db: Database.Database, data: EpisodeExportData, notes: AnkiNote[]): void {
  const nowMs = Date.parse(data.exportedAt);
  const nowS = Math.floor(nowMs / 1000);
  const deckName = ankiDeckName(data.episode.title);
  const deckId = idFromText(deckName);
  db.exec(SCHEMA);
  const models = {
    [APKG_BASIC_MODEL_ID]: model(APKG_BASIC_MODEL_ID, "deeplisten Basic", 0, ["Front", "Back"], deckId, nowS, [
      { name: "Card 1", qfmt: "{{Front}}", afmt: "{{FrontSide}}<hr id=answer>{{Back}}" },
    ]),
    [APKG_CLOZE_MODEL_ID]: model(APKG_CLOZE_MODEL_ID, "deeplisten Cloze", 1, ["Text", "Back Extra"], deckId, nowS, [
      { name: "Cloze", qfmt: "{{cloze:Text}}", afmt: "{{cloze:Text}}<br>{{Back Extra}}" },
    ]),
  };
  const decks = { 1: deck(1, "Default", nowS, ""), [deckId]: deck(deckId, deckName, nowS, data.episode.title) };
  const conf = {
    activeDecks: [1],
    curDeck: 1,
    newSpread: 0,
    collapseTime: 1200,
    timeLim: 0,
    estTimes: true,
    dueCounts: true,
    curModel: String(APKG_BASIC_MODEL_ID),
    nextPos: notes.length + 1,
    sortType: "noteFld",
    sortBackwards: false,
    addToCur: true,
  };
  db.prepare("INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, '{}')").run(
    Math.floor(Date.parse(`${data.exportedAt.slice(0, 10)}T00:00:00Z`) / 1000),
    nowMs,
    nowMs,
    JSON.stringify(conf),
    JSON.stringify(models),
    JSON.stringify(decks),
    JSON.stringify({ 1: deckOptions(nowS) }),
  );
  const insertNote = db.prepare("INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, '')");
  const insertCard = db.prepare("INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, '')");
  db.transaction(() => {
    notes.forEach((note, i) => {
      // Ids are epoch milliseconds in Anki; consecutive ones from the export's time keep them unique.
      const noteId = nowMs + i;
      const sortField = stripHtml(note.field1);
      insertNote.run(
        noteId,
        note.guid,
        note.notetype === "Cloze" ? APKG_CLOZE_MODEL_ID : APKG_BASIC_MODEL_ID,
        nowS,
        ` ${note.tags.join(" ")} `,
        [note.field1, note.field2].join("\x1f"),
        sortField,
        checksum(sortField),
      );
      // One card per note: the Basic note's one template, the Cloze note's {{c1::...}}; new cards in order.
      insertCard.run(nowMs + i, noteId, deckId, nowS, i + 1);
    });
  })();
}

function model(
  id: number,
  name: string,
  type: 0 | 1,
  fields: string[],
  deckId: number,
  mod: number,
  templates: { name: string; qfmt: string; afmt: string }[],
) {
  return {
    id,
    name,
    type,
    mod,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: templates.map((t, ord) => ({ ...t, ord, did: null, bqfmt: "", bafmt: "" })),
    flds: fields.map((f, ord) => ({ name: f, ord, sticky: false, rtl: false, font: "Arial", size: 20, media: [] })),
    css: CSS,
    latexPre:
      "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
    latexPost: "\\end{document}",
    latexsvg: false,
    // Which fields a card needs: the Basic card needs Front; the cloze card its Text.
    req: [[0, "any", [0]]],
    tags: [],
    vers: [],
  };
}

function deck(id: number, name: string, mod: number, desc: string) {
  return {
    id,
    name,
    desc,
    mod,
    usn: -1,
    conf: 1,
    dyn: 0,
    collapsed: false,
    extendNew: 10,
    extendRev: 50,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

function deckOptions(mod: number) {
  return {
    id: 1,
    name: "Default",
    mod,
    usn: 0,
    maxTaken: 60,
    autoplay: true,
    timer: 0,
    replayq: true,
    dyn: false,
    new: { delays: [1, 10], ints: [1, 4, 7], initialFactor: 2500, order: 1, perDay: 20, bury: true, separate: true },
    lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 0 },
    rev: { perDay: 200, ease4: 1.3, fuzz: 0.05, minSpace: 1, ivlFct: 1, maxIvl: 36500, bury: true },
  };
}

/** The text Anki sorts and checks duplicates by: the first field without HTML. */
function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&")
    .trim();
}

/** Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, as a number. */
function checksum(text: string): number {
  return Number.parseInt(createHash("sha1").update(text, "utf8").digest("hex").slice(0, 8), 16);
}

/** A stable positive id from a name (the same deck name gives the same deck id in every export). */
function idFromText(text: string): number {
  return Number.parseInt(createHash("sha1").update(text, "utf8").digest("hex").slice(0, 12), 16) % 2 ** 47;
}
