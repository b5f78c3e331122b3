/** Text and data made safe for an HTML page (the markmap export). */

const HTML_ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for HTML content or a quoted attribute: no tag, entity or attribute break can come through. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ENTITY[ch] as string);
}

/**
 * JSON to embed in a `<script type="application/json">` element. The HTML parser ends a script at
 * `</script` and changes state at `<!--`, whatever JSON thinks of them, so `<`, `>` and `&` become
 * \u escapes (still the same JSON), as do the two line separators that older JS engines reject.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (ch) => `\\u${(ch.codePointAt(0) as number).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Library JavaScript to inline in a `<script>` element. The bundles we inline contain no `</script`
 * today; this keeps a future version from ending the element early (inside a JS string, `<\/` is
 * the same text).
 */
export function scriptForHtml(js: string): string {
  return js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}
