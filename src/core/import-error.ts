/**
 * The one error an import may fail with: it names the file, the line (or position) where it can,
 * and what is wrong, as a sentence the learner can act on.
 */
export class ImportError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly reason: string;

  constructor(reason: string, where: { file?: string; line?: number } = {}) {
    super(formatImportError(reason, where.file, where.line));
    this.name = "ImportError";
    this.reason = reason;
    this.file = where.file;
    this.line = where.line;
  }

  /** The same error, now naming the file (parsers often do not know it). */
  withFile(file: string): ImportError {
    return this.file ? this : new ImportError(this.reason, { file, line: this.line });
  }
}

function formatImportError(reason: string, file?: string, line?: number): string {
  if (file && line) return `${file}:${line}: ${reason}`;
  if (file) return `${file}: ${reason}`;
  if (line) return `line ${line}: ${reason}`;
  return reason;
}
