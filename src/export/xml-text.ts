/**
 * Text made safe for XML 1.0 (OPML, FreeMind). Transcript text can hold anything: markup,
 * `]]>`, control characters from a broken caption file, lone surrogates. Characters XML 1.0 forbids
 * are dropped (a parser would reject the whole file for one of them); the rest are escaped.
 */

// Everything outside XML 1.0's Char production: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters XML 1.0 cannot carry at all. */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, "");
}

/**
 * An attribute value for a double-quoted attribute. Line breaks and tabs become character
 * references, since a parser would otherwise normalise them to spaces.
 * With `asciiOnly`, everything past ASCII becomes a numeric reference too (FreeMind's own files
 * are written that way, and older readers assume Latin-1 without it).
 */
export function xmlAttribute(text: string, options: { asciiOnly?: boolean } = {}): string {
  const escaped = xmlChars(text).replace(/[&<>"'\t\n\r]/g, (ch) => XML_ENTITY[ch] as string);
  return options.asciiOnly ? asciiReferences(escaped) : escaped;
}

/** Element text content. `>` is escaped too, so `]]>` can never appear. */
export function xmlText(text: string): string {
  return xmlChars(text).replace(/[&<>]/g, (ch) => XML_ENTITY[ch] as string);
}

const XML_ENTITY: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Everything past ASCII as numeric character references (for escaped XML text). */
export function asciiReferences(escaped: string): string {
  return escaped.replace(/[\u0080-\u{10FFFF}]/gu, (ch) => `&#${ch.codePointAt(0)};`);
}
