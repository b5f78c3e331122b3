/** A place in a text as people count it: line and column from 1. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Line and column (from 1) of a character offset; offsets outside the text are clamped. */
export function lineAndColumnAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
