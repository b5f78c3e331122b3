import { dayLabel, durationLabel, MASTERY_LABEL, plainTimecode } from "./labels.js";
import { escapeMarkdown, markdownLink, markdownMoment } from "./markdown-text.js";
import { momentUrl, safeUrl } from "./moments.js";
import { notableConcepts } from "./notable.js";
import { uniqueNoteNames } from "./note-names.js";
import { oneLine } from "./one-line.js";
import { relatedConcepts } from "./related.js";
import type { EpisodeExportData, ExportConcept, MapNode } from "./types.js";
import { yamlString, yamlStringList } from "./yaml-text.js";

/** A file of the vault: a path relative to the vault folder (with `/`), and its text. */
export interface VaultFile {
  path: string;
  content: string;
}

/** The folder of the concept notes inside the vault. */
export const CONCEPTS_FOLDER = "Concepts";

/**
 * The episode as an Obsidian vault folder: one note per notable concept (YAML front matter with aliases,
 * tags and mastery; the pack's definition; the learner's verified explanation; the moments that
 * define it; [[wikilinks]] to related concepts) and one note for the episode (chapters, concepts,
 * clash moments, marks, the mind map with links to the concept notes). Links use note names
 * alone, which Obsidian resolves anywhere in a vault, so the folder can be dropped into one.
 */
export function episodeToObsidian(exported: EpisodeExportData): VaultFile[] {
  const data = { ...exported, concepts: notableConcepts(exported.concepts) };
  const names = uniqueNoteNames([
    { title: data.episode.title, fallback: "Episode" },
    ...data.concepts.map((c) => ({ title: c.name, fallback: `Concept ${c.id}` })),
  ]);
  const episodeNote = names[0] as string;
  const noteOf = new Map(data.concepts.map((c, i) => [c.id, names[i + 1] as string]));
  const noteOfKey = new Map(data.concepts.map((c, i) => [c.key, names[i + 1] as string]));
  const related = relatedConcepts(data.concepts);
  const link = (ms: number) => momentUrl(data.episode.videoUrl, ms);

  const conceptFiles = data.concepts.map((concept) => ({
    path: `${CONCEPTS_FOLDER}/${noteOf.get(concept.id)}.md`,
    content: conceptNote(concept, {
      noteName: noteOf.get(concept.id) as string,
      episodeNote,
      related: (related.get(concept.id) ?? []).map((c) => noteOf.get(c.id) as string),
      link,
    }),
  }));
  return [
    { path: `${episodeNote}.md`, content: episodeNoteText(data, { episodeNote, noteOf, noteOfKey, link }) },
    ...conceptFiles,
  ];
}

/** `[[Note]]`, or `[[Note|shown]]` when the note name differs from what is shown. */
export function wikilink(noteName: string, shown?: string): string {
  // Obsidian shows the part after `|` as typed, up to the first `]]` or `|`.
  const label = shown
    ?.replace(/[[\]|#^<>]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return label && label !== noteName ? `[[${noteName}|${label}]]` : `[[${noteName}]]`;
}

function conceptNote(
  concept: ExportConcept,
  context: { noteName: string; episodeNote: string; related: string[]; link: (ms: number) => string | null },
): string {
  const aliases = [concept.name, ...concept.aliases]
    .map(aliasText)
    .filter((a, i, all) => a !== "" && a !== context.noteName && all.indexOf(a) === i);
  const front = [
    "---",
    `aliases: ${yamlStringList(aliases)}`,
    `tags: ${yamlStringList(["deeplisten/concept", `deeplisten/${tagWord(concept.kind)}`, `deeplisten/mastery/${concept.mastery}`])}`,
    `mastery: ${yamlString(concept.mastery)}`,
    `kind: ${yamlString(concept.kind)}`,
    `concept: ${yamlString(concept.key)}`,
    ...(concept.pack ? [`pack_entry: ${yamlString(concept.pack.entryId)}`] : []),
    `episode: ${yamlString(`[[${context.episodeNote}]]`)}`,
    `mentions: ${concept.mentionCount}`,
    `first_said: ${yamlString(plainTimecode(concept.firstMs))}`,
    ...(concept.bestExplanation ? [`verified: ${yamlString(dayLabel(concept.bestExplanation.createdAt))}`] : []),
    "---",
  ];
  const body = [`# ${escapeMarkdown(concept.name)}`, ""];
  if (concept.pack) body.push(`> ${escapeMarkdown(concept.pack.definition)}`, "");
  body.push("## My explanation", "");
  body.push(
    concept.bestExplanation
      ? `${escapeMarkdown(concept.bestExplanation.text)}\n\n*Verified on ${dayLabel(concept.bestExplanation.createdAt)}.*`
      : `*Not verified yet: ${MASTERY_LABEL[concept.mastery]}.*`,
    "",
  );
  body.push("## In the episode", "");
  for (const d of concept.definitions.slice(0, 5)) {
    const who = d.speaker ? `**${escapeMarkdown(d.speaker)}:** ` : "";
    body.push(`- ${markdownMoment(d.startMs, context.link(d.startMs))} ${who}${escapeMarkdown(d.text)}`);
  }
  body.push(
    `- First said at ${markdownMoment(concept.firstMs, context.link(concept.firstMs))}; ${concept.mentionCount} mention${concept.mentionCount === 1 ? "" : "s"} in ${wikilink(context.episodeNote)}.`,
    "",
  );
  if (context.related.length) {
    body.push("## Related", "", ...context.related.map((r) => `- ${wikilink(r)}`), "");
  }
  return `${[...front, "", ...body].join("\n").trimEnd()}\n`;
}

function episodeNoteText(
  data: EpisodeExportData,
  context: {
    episodeNote: string;
    noteOf: Map<number, string>;
    noteOfKey: Map<string, string>;
    link: (ms: number) => string | null;
  },
): string {
  const { episode } = data;
  const moment = (ms: number) => markdownMoment(ms, context.link(ms));
  const video = episode.videoUrl ? safeUrl(episode.videoUrl) : null;
  const front = [
    "---",
    ...(aliasText(episode.title) !== context.episodeNote
      ? [`aliases: ${yamlStringList([aliasText(episode.title)])}`]
      : []),
    `tags: ${yamlStringList(["deeplisten/episode"])}`,
    ...(episode.show ? [`show: ${yamlString(oneLine(episode.show))}`] : []),
    `speakers: ${yamlStringList(episode.speakers.map(oneLine))}`,
    `duration: ${yamlString(plainTimecode(episode.durationMs))}`,
    ...(video ? [`video: ${yamlString(video)}`] : []),
    `language: ${yamlString(episode.language)}`,
    `exported: ${yamlString(dayLabel(data.exportedAt))}`,
    "---",
  ];
  const body = [`# ${escapeMarkdown(episode.title)}`, ""];
  const facts = [
    episode.show ? escapeMarkdown(episode.show) : null,
    episode.speakers.length ? escapeMarkdown(episode.speakers.join(", ")) : null,
    episode.durationMs > 0 ? durationLabel(episode.durationMs) : null,
    video ? markdownLink("video", video) : null,
  ].filter((f): f is string => f !== null);
  if (facts.length) body.push(facts.join(" · "), "");

  if (data.chapters.length) {
    body.push("## Chapters", "", ...data.chapters.map((c) => `- ${moment(c.startMs)} ${escapeMarkdown(c.title)}`), "");
  }
  if (data.concepts.length) {
    body.push("## Concepts", "");
    for (const c of data.concepts) {
      body.push(
        `- ${wikilink(context.noteOf.get(c.id) as string)} · ${MASTERY_LABEL[c.mastery]} · ${moment(c.firstMs)}`,
      );
    }
    body.push("");
  }
  if (data.clashes.length) {
    body.push("## Clash moments", "");
    for (const c of data.clashes) {
      const concepts = c.conceptKeys
        .map((k) => context.noteOfKey.get(k))
        .filter((n): n is string => n !== undefined)
        .map((n) => wikilink(n));
      const about = concepts.length ? ` (${concepts.join(", ")})` : "";
      body.push(
        `- ${moment(c.startMs)} **${escapeMarkdown(c.speakers.join(" vs "))}** on *${escapeMarkdown(c.topic)}*${about}: “${escapeMarkdown(c.quote)}”`,
      );
    }
    body.push("");
  }
  if (data.marks.length) {
    body.push("## My marks", "");
    for (const m of data.marks) {
      const what = m.conceptName ?? m.selection ?? "this moment";
      body.push(
        `- ${moment(m.startMs)} pass ${m.pass} · ${escapeMarkdown(what)}${m.confidence !== null ? ` · confidence ${m.confidence}/5` : ""}${m.note ? ` — ${escapeMarkdown(m.note)}` : ""}`,
      );
    }
    body.push("");
  }
  if (data.map) {
    body.push("## Mind map", "", ...mapOutline(data.map, context.noteOfKey, context.link), "");
  }
  return `${[...front, "", ...body].join("\n").trimEnd()}\n`;
}

/** The map as a nested list (Obsidian's outline view and mind-map plugins read it): concepts are links. */
function mapOutline(root: MapNode, noteOfKey: Map<string, string>, link: (ms: number) => string | null): string[] {
  const lines: string[] = [];
  const walk = (node: MapNode, depth: number) => {
    // A concept node links to its note; a moment under it (same concept key) links to the video.
    const isConcept = node.kind === "concept" || (node.kind === undefined && node.startMs === undefined);
    const note = isConcept && node.conceptKey ? noteOfKey.get(node.conceptKey) : undefined;
    const text = note
      ? wikilink(note, node.title)
      : node.startMs !== undefined && link(node.startMs)
        ? markdownLink(node.title, link(node.startMs))
        : escapeMarkdown(node.title);
    lines.push(`${"  ".repeat(depth)}- ${text}`);
    for (const child of node.children) walk(child, depth + 1);
  };
  walk(root, 0);
  return lines;
}

/**
 * A name as an alias: one line, without what Obsidian reads in a link (`[[`, `|`, `#` heading,
 * `^` block), since aliases are offered as link text.
 */
function aliasText(name: string): string {
  return oneLine(name.replace(/[[\]|#^]/g, " "));
}

/** A word usable in an Obsidian tag (letters, digits, `-`, `_`, `/`). */
function tagWord(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}_-]+/gu, "-") || "concept";
}
