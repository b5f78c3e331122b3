import { dayLabel, durationLabel, MASTERY_LABEL } from "./labels.js";
import { escapeMarkdown, markdownLink, markdownMoment } from "./markdown-text.js";
import { momentUrl, safeUrl } from "./moments.js";
import { notableConcepts } from "./notable.js";
import type { EpisodeExportData, ExportConcept } from "./types.js";

/** Defining sentences shown per concept: the best few, not every mention. */
const DEFINITIONS_PER_CONCEPT = 3;
/** Aliases shown in the concepts table. */
const ALIASES_IN_TABLE = 5;

/**
 * The episode as notes in one Markdown file: a header, the chapters, a table of the notable
 * concepts (`notableConcepts`) with
 * the learner's mastery and best verified explanation, the sentences that define each concept, the
 * clash moments and the learner's marks. Every moment is `[hh:mm:ss]`, linked to the video at that
 * second when the episode has a YouTube video. All text from the transcript is escaped.
 */
export function episodeToMarkdown(data: EpisodeExportData): string {
  const { episode } = data;
  const moment = (ms: number) => markdownMoment(ms, momentUrl(episode.videoUrl, ms));
  const out: string[] = [`# ${escapeMarkdown(episode.title)}`, ""];

  const facts = [
    episode.show ? escapeMarkdown(episode.show) : null,
    episode.speakers.length ? escapeMarkdown(episode.speakers.join(", ")) : null,
    episode.durationMs > 0 ? durationLabel(episode.durationMs) : null,
    episode.videoUrl && safeUrl(episode.videoUrl) ? markdownLink("video", episode.videoUrl) : null,
  ].filter((f): f is string => f !== null);
  if (facts.length) out.push(facts.join(" · "), "");
  out.push(`*Notes exported from deeplisten on ${dayLabel(data.exportedAt)}.*`, "");

  if (data.chapters.length) {
    out.push("## Chapters", "");
    for (const c of data.chapters) {
      out.push(`- ${moment(c.startMs)} ${escapeMarkdown(c.title)}${c.source === "detected" ? " *(detected)*" : ""}`);
    }
    out.push("");
  }

  const concepts = notableConcepts(data.concepts);
  if (concepts.length) {
    const verified = concepts.filter((c) => c.mastery === "verified").length;
    out.push("## Concepts", "", `${verified} of ${concepts.length} verified.`, "");
    out.push("| # | Concept | Also called | Mastery | My verified explanation | First said |");
    out.push("| --- | --- | --- | --- | --- | --- |");
    concepts.forEach((c, i) => {
      out.push(
        `| ${i + 1} | ${escapeMarkdown(c.name)} | ${escapeMarkdown(c.aliases.slice(0, ALIASES_IN_TABLE).join(", "))} | ${MASTERY_LABEL[c.mastery]} | ${explanationCell(c)} | ${moment(c.firstMs)} |`,
      );
    });
    out.push("");
  }

  const defined = concepts.filter((c) => c.definitions.length > 0 || c.pack);
  if (defined.length) {
    out.push("## Definitions", "");
    for (const c of defined) {
      out.push(`### ${escapeMarkdown(c.name)}`, "");
      if (c.pack) out.push(`> ${escapeMarkdown(c.pack.definition)}`, "");
      for (const d of c.definitions.slice(0, DEFINITIONS_PER_CONCEPT)) {
        const who = d.speaker ? `**${escapeMarkdown(d.speaker)}:** ` : "";
        out.push(`- ${moment(d.startMs)} ${who}${escapeMarkdown(d.text)}`);
      }
      if (c.definitions.length) out.push("");
    }
  }

  if (data.clashes.length) {
    out.push("## Clash moments", "");
    for (const c of data.clashes) {
      const [who, ...others] = c.speakers;
      const whom = others.length ? ` pushes back on ${others.map((s) => `**${escapeMarkdown(s)}**`).join(", ")}` : "";
      const speakers = who ? `**${escapeMarkdown(who)}**${whom}` : "";
      const topic = c.topic ? ` about *${escapeMarkdown(c.topic)}*` : "";
      out.push(`- ${moment(c.startMs)} ${speakers}${topic}: “${escapeMarkdown(c.quote)}”`);
    }
    out.push("");
  }

  if (data.marks.length) {
    out.push("## My marks", "");
    for (const m of data.marks) {
      const what = m.conceptName ?? m.selection ?? "this moment";
      const confidence = m.confidence !== null ? ` · confidence ${m.confidence}/5` : "";
      const note = m.note ? ` — ${escapeMarkdown(m.note)}` : "";
      out.push(`- ${moment(m.startMs)} pass ${m.pass} · ${escapeMarkdown(what)}${confidence}${note}`);
    }
    out.push("");
  }
  return `${out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trimEnd()}\n`;
}

function explanationCell(concept: ExportConcept): string {
  const mine = concept.bestExplanation;
  return mine ? `${escapeMarkdown(mine.text)} *(${dayLabel(mine.createdAt)})*` : "—";
}
