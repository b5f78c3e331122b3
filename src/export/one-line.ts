/**
 * One line of text for a title, a table cell, a field or a label: control characters (which a
 * broken caption file can carry, and which move a terminal's cursor or break a file format), lone
 * surrogates (no file encoding can hold them) and runs of whitespace, line breaks included, become
 * one space.
 */
export function oneLine(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}
