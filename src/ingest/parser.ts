import type { Transcript } from "../core/index.js";

/** What a parser knows about its input besides the text. */
export interface ParseContext {
  /** The file name or URL as the user gave it, for error messages. */
  fileName: string;
}

/**
 * A parser turns decoded text into a Transcript, or throws ImportError naming the line.
 * Parsers are pure: no I/O, no clock, no database.
 */
export type TranscriptParser = (text: string, ctx: ParseContext) => Transcript;
