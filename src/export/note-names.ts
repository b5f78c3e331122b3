/**
 * File names for notes (the Obsidian vault), one per title, unique and valid on Linux, macOS and
 * Windows, and usable as `[[wikilink]]` targets: Obsidian forbids `[ ] # ^ |` in link targets, the
 * file systems forbid `\ / : * ? " < >`, control characters and Windows' reserved device names;
 * backticks, `$`, `%%` and `==` go too, so that no link can turn into code, maths, a comment or a highlight.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const FORBIDDEN = /[\u0000-\u001f\u007f[\]#^|\\/:*?"<>`$]/g;
// Obsidian reads these doubled as a comment and a highlight, even inside a link.
const DOUBLED = /%{2,}|={2,}/g;
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** Characters kept of a title; long enough to read, short of any file system's limit with a suffix. */
const MAX_LENGTH = 100;

/** One title as a file name (without extension); `fallback` when nothing usable is left. */
export function noteName(title: string, fallback: string): string {
  let name = title
    .replace(FORBIDDEN, " ")
    .replace(DOUBLED, (run) => run.charAt(0))
    .replace(/\s+/g, " ")
    .trim();
  name = Array.from(name).slice(0, MAX_LENGTH).join("").trim();
  // A leading dot hides the file; trailing dots and spaces are dropped by Windows.
  name = name.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (!name) return fallback;
  return WINDOWS_RESERVED.test(name) ? `${name} note` : name;
}

/**
 * Unique names for a list of titles, in order. Uniqueness ignores case, because macOS and Windows
 * do: `MoE` and `moe` would otherwise overwrite each other.
 */
export function uniqueNoteNames(titles: readonly { title: string; fallback: string }[]): string[] {
  const taken = new Set<string>();
  return titles.map(({ title, fallback }) => {
    const base = noteName(title, fallback);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    taken.add(name.toLowerCase());
    return name;
  });
}
