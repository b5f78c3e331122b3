import { escapeHtml } from "./html-text.js";
import { momentUrl, timecodeLabel } from "./moments.js";
import { notableConcepts } from "./notable.js";
import { oneLine } from "./one-line.js";
import type { EpisodeExportData, ExportConcept, ExportDefinition } from "./types.js";

/** The columns of every card line, in the order the header announces them. */
export const ANKI_COLUMNS = ["guid", "notetype", "field1", "field2", "tags"] as const;

/** One note as the text file carries it (fields are HTML). */
export interface AnkiNote {
  guid: string;
  notetype: "Basic" | "Cloze";
  /** Basic: Front; Cloze: Text (with `{{c1::...}}`). */
  field1: string;
  /** Basic: Back; Cloze: Back Extra. */
  field2: string;
  tags: string[];
}

/**
 * The episode's cards in Anki's text import format (File > Import, Anki 2.1.55 and later): header
 * lines say the separator (tab), that fields are HTML, the deck, and which columns hold the guid,
 * the note type and the tags. Two kinds of notes:
 * - Basic "Explain X in your own words", backed by the pack's definition and the learner's own
 *   verified explanation, for concepts the learner worked on or a pack knows;
 * - Cloze: the sentence of the episode that defines the concept with the term hidden, and the
 *   moment it is said.
 * Guids are stable, so importing again updates the notes instead of duplicating them.
 */
export function episodeToAnki(data: EpisodeExportData): string {
  const notes = ankiNotes(data);
  const header = [
    "#separator:tab",
    "#html:true",
    `#deck:${ankiDeckName(data.episode.title)}`,
    "#guid column:1",
    "#notetype column:2",
    "#tags column:5",
  ];
  const lines = notes.map((n) => [n.guid, n.notetype, n.field1, n.field2, n.tags.join(" ")].join("\t"));
  return `${[...header, ...lines].join("\n")}\n`;
}

/** The notes of an episode's notable concepts, explain cards first, each group in the analysis' ranking. */
export function ankiNotes(data: EpisodeExportData): AnkiNote[] {
  const { episode } = data;
  const link = (ms: number) => momentUrl(episode.videoUrl, ms);
  const explain: AnkiNote[] = [];
  const cloze: AnkiNote[] = [];
  for (const concept of notableConcepts(data.concepts)) {
    const tags = ["deeplisten", `deeplisten::episode::${tagPart(episode.title)}`, `deeplisten::${concept.mastery}`];
    const worked = concept.mastery !== "new" || concept.bestExplanation !== null;
    if (concept.pack || worked) {
      explain.push({
        guid: `deeplisten:explain:${guidPart(concept.key)}`,
        notetype: "Basic",
        field1: explainFront(concept),
        field2: explainBack(concept, link),
        tags: [...tags, "deeplisten::explain"],
      });
    }
    const sentence = clozeSentence(concept);
    if (sentence) {
      cloze.push({
        guid: `deeplisten:cloze:${guidPart(episode.id)}:${guidPart(concept.key)}`,
        notetype: "Cloze",
        field1: sentence.text,
        field2: clozeExtra(concept, sentence.definition, episode.title, link),
        tags: [...tags, "deeplisten::cloze"],
      });
    }
  }
  return [...explain, ...cloze];
}

/** A deck name under `deeplisten::`; `::` inside the title would make subdecks of its parts. */
export function ankiDeckName(title: string): string {
  return `deeplisten::${oneLine(title).replace(/::+/g, ":") || "episode"}`;
}

function explainFront(concept: ExportConcept): string {
  const aliases = concept.aliases.slice(0, 6);
  const also = aliases.length ? `<br><small>${field(`also: ${aliases.join(", ")}`)}</small>` : "";
  return `Explain <b>${field(concept.name)}</b> in your own words.${also}`;
}

function explainBack(concept: ExportConcept, link: (ms: number) => string | null): string {
  const parts: string[] = [];
  if (concept.pack) parts.push(`<b>Definition</b>: ${field(concept.pack.definition)}`);
  const mine = concept.bestExplanation;
  parts.push(
    mine
      ? `<b>My verified explanation</b> (${field(mine.createdAt.slice(0, 10))}): ${field(mine.text)}`
      : `<i>Not verified yet (${field(concept.mastery)}).</i>`,
  );
  const definition = concept.definitions[0];
  if (definition) parts.push(momentHtml(definition, link));
  return parts.join("<br><br>");
}

function clozeExtra(
  concept: ExportConcept,
  definition: ExportDefinition,
  episodeTitle: string,
  link: (ms: number) => string | null,
): string {
  const parts = [`<b>${field(concept.name)}</b>`, momentHtml(definition, link), `<i>${field(episodeTitle)}</i>`];
  if (concept.pack) parts.splice(1, 0, field(concept.pack.definition));
  return parts.join("<br>");
}

/** `[00:02:43] Speaker` with the timecode linked to the video when there is one. */
function momentHtml(definition: ExportDefinition, link: (ms: number) => string | null): string {
  const label = field(timecodeLabel(definition.startMs));
  const url = link(definition.startMs);
  // Single-quoted: a `"` inside a field is where CSV readers start treating quotes specially.
  const time = url ? `<a href='${escapeHtml(url)}'>${label}</a>` : label;
  return definition.speaker ? `${time} ${field(definition.speaker)}` : time;
}

/**
 * The concept's best defining sentence with the first mention of one of its names hidden as
 * `{{c1::...}}`; null when no defining sentence says any of its names.
 */
export function clozeSentence(concept: ExportConcept): { text: string; definition: ExportDefinition } | null {
  const names = [concept.name, ...concept.aliases].filter((n) => n.trim().length > 0);
  for (const definition of concept.definitions) {
    const text = oneLine(definition.text);
    const hit = findTerm(text, names);
    if (!hit) continue;
    const before = text.slice(0, hit.start);
    const term = text.slice(hit.start, hit.end);
    const after = text.slice(hit.end);
    // The hidden term is escaped like any field text, and `:` too: `::` would start a cloze hint.
    return {
      text: `${escapeField(before)}{{c1::${escapeField(term).replace(/:/g, "&#58;")}}}${escapeField(after)}`,
      definition,
    };
  }
  return null;
}

/** The earliest, then longest, occurrence of any name, as a whole word where the name is a Latin word. */
function findTerm(text: string, names: string[]): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const name of names) {
    const escaped = oneLine(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const open = /^[\p{L}\p{N}]/u.test(name) && !/^\p{Script=Han}/u.test(name) ? "(?<![\\p{L}\\p{N}])" : "";
    const close = /[\p{L}\p{N}]$/u.test(name) && !/\p{Script=Han}$/u.test(name) ? "(?![\\p{L}\\p{N}])" : "";
    const match = new RegExp(`${open}${escaped}${close}`, "iu").exec(text);
    if (!match) continue;
    const hit = { start: match.index, end: match.index + match[0].length };
    if (!best || hit.start < best.start || (hit.start === best.start && hit.end > best.end)) best = hit;
  }
  return best;
}

/**
 * Text for an HTML field of the text format: HTML-escaped (so `"` never starts a quoted field),
 * on one line (a tab or line break would split the note), with the characters Anki itself reads in
 * fields as numeric references: `{}` (cloze markers) and `[` (`[sound:...]` tags).
 */
function field(text: string): string {
  return escapeField(oneLine(text));
}

/** `field` for a piece of a line that is already one line (its edge spaces matter). */
function escapeField(text: string): string {
  return escapeHtml(text).replace(/[{}[]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A tag part: letters, digits, `-`, `_` and `.` (Anki splits tags on spaces; `::` makes hierarchy). */
function tagPart(text: string): string {
  const part = oneLine(text)
    .replace(/[^\p{L}\p{N}._-]+/gu, "_")
    .replace(/^_+|_+$/g, "");
  return Array.from(part).slice(0, 60).join("") || "untitled";
}

function guidPart(text: string): string {
  return encodeURIComponent(text);
}
