/**
 * Scalars for YAML front matter. A JSON string is a valid YAML double-quoted scalar, so every
 * value is written that way: no title can start a comment (`#`), a mapping (`: `), an anchor or a
 * document marker. U+2028/U+2029 are escaped too (JSON leaves them raw; some YAML readers break lines there).
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(/[\u2028\u2029]/g, (ch) => `\\u${(ch.codePointAt(0) as number).toString(16)}`);
}

/** A flow sequence of strings: `["a", "b"]`. */
export function yamlStringList(items: readonly string[]): string {
  return `[${items.map(yamlString).join(", ")}]`;
}
