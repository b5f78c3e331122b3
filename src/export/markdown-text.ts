import { safeUrl, timecodeLabel } from "./moments.js";
import { oneLine } from "./one-line.js";

/**
 * Text made safe for Markdown as CommonMark, GitHub and Obsidian read it. Transcript sentences and
 * concept names are data, never markup: a `*`, a `[[`, an `<img onerror>`, a `$` or a `#tag` in
 * them must show as typed, not turn into emphasis, a link, HTML, maths or a tag.
 */

// ASCII punctuation that starts inline syntax somewhere among CommonMark, GFM (tables, ~strike~)
// and Obsidian (#tags, $maths$, ^block ids). A backslash escapes any ASCII punctuation in
// CommonMark, so escaping one more than needed is harmless; `!` needs no escape once `[` has one.
const INLINE_SYNTAX = /[\\`*_[\]<>&~|$#^]/g;
// Obsidian's ==highlight== and %%comment%% need the mark doubled: single ones stay readable.
const DOUBLED_SYNTAX = /={2,}|%{2,}/g;

/** Text for inline Markdown (a paragraph, a list item, a heading, a table cell). */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(INLINE_SYNTAX, "\\$&")
    .replace(DOUBLED_SYNTAX, (run) => run.replace(/./g, "\\$&"));
}

/** A Markdown link, or the escaped label alone when the URL is not a safe http(s) address. */
export function markdownLink(label: string, url: string | null): string {
  const target = url ? safeUrl(url) : null;
  return target ? `[${escapeMarkdown(label)}](${target})` : escapeMarkdown(label);
}

/** `[01:08:18]` as a link to the moment when there is one, else as plain text. */
export function markdownMoment(ms: number, url: string | null): string {
  return markdownLink(timecodeLabel(ms), url);
}
