import { z } from "zod";

/** What kind of problem a pack has; lets a UI group problems without parsing sentences. */
export type PackProblemKind =
  | "missing-file"
  | "unreadable-file"
  | "invalid-encoding"
  | "invalid-json"
  | "not-an-array"
  | "schema"
  | "unknown-field"
  | "empty-pack"
  | "duplicate-id"
  | "unknown-reference"
  | "self-reference"
  | "prerequisite-cycle"
  | "duplicate-alias"
  | "duplicate-point-id"
  | "unknown-area";

/**
 * One thing wrong with a pack, precise enough to fix without searching: the file, the entry (index
 * counted from 0, like the paths, and id) and the field path, plus the line where it is known.
 */
export interface PackProblem {
  kind: PackProblemKind;
  /** The file relative to the pack folder (`pack.json`, `entries/architecture.json`), or the folder itself. */
  file: string;
  /** Index of the entry in its file's array, from 0. */
  entryIndex?: number;
  /** The entry's id, when it has a usable one. */
  entryId?: string;
  /** The field inside the entry (or the manifest), e.g. `rubric.keyPoints[1].phrasings.zh`. */
  path?: string;
  line?: number;
  column?: number;
  /** What is wrong and what to do, without the location. */
  message: string;
  /**
   * The whole problem on one line, e.g.
   * `entries/architecture.json: entry 12 "router": rubric.keyPoints[1].phrasings.zh: give at least one Chinese phrasing (line 214)`.
   */
  text: string;
}

/** The fields of a problem before its `text` is composed. */
export type PackProblemInit = Omit<PackProblem, "text">;

/** Compose the one-line text of a problem. */
export function makeProblem(init: PackProblemInit): PackProblem {
  const parts = [init.file];
  if (init.entryIndex !== undefined) {
    parts.push(init.entryId !== undefined ? `entry ${init.entryIndex} "${init.entryId}"` : `entry ${init.entryIndex}`);
  }
  if (init.path) parts.push(init.path);
  // A problem about the text itself (syntax) leads with its place; one about a field ends with it.
  const aboutText = init.entryIndex === undefined && !init.path;
  if (aboutText && init.line !== undefined) parts.push(`line ${init.line}, column ${init.column ?? 1}`);
  let text = `${parts.join(": ")}: ${init.message}`;
  if (!aboutText && init.line !== undefined) text += ` (line ${init.line})`;
  return { ...init, text };
}

/** `["rubric", "keyPoints", 1, "phrasings"]` -> `rubric.keyPoints[1].phrasings`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** The raw value at a path, or undefined. */
export function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** A schema with its defaults and optionals unwrapped, so its shape can be inspected. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

/** The sub-schema at a path, when the path follows objects and arrays. */
export function schemaAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    if (current instanceof z.ZodObject && typeof key === "string") {
      const next: z.ZodType | undefined = (current.shape as Record<string, z.ZodType>)[key];
      current = next ? unwrap(next) : undefined;
    } else if (current instanceof z.ZodArray && typeof key === "number") {
      current = unwrap(current.element as z.ZodType);
    } else {
      return undefined;
    }
    if (!current) return undefined;
  }
  return current;
}

/**
 * Fields the schema does not know. The schema itself strips them silently, which would hide a typo
 * such as `prerequisite` for `prerequisites` until a learner noticed the missing links.
 */
export function findUnknownFields(
  schema: z.ZodType,
  value: unknown,
  path: PropertyKey[] = [],
): { path: PropertyKey[]; known: string[] }[] {
  const shape = unwrap(schema);
  const found: { path: PropertyKey[]; known: string[] }[] = [];
  if (shape instanceof z.ZodObject && value !== null && typeof value === "object" && !Array.isArray(value)) {
    const fields = shape.shape as Record<string, z.ZodType>;
    for (const [key, child] of Object.entries(value)) {
      const fieldSchema = fields[key];
      if (fieldSchema) found.push(...findUnknownFields(fieldSchema, child, [...path, key]));
      else found.push({ path: [...path, key], known: Object.keys(fields) });
    }
  } else if (shape instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, index) => {
      found.push(...findUnknownFields(shape.element as z.ZodType, item, [...path, index]));
    });
  }
  return found;
}

/** A short description of a JSON value for messages: `text`, `a list`, `a number`... */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return "text";
  if (typeof value === "object") return "an object";
  if (typeof value === "boolean") return "true or false";
  return `a ${typeof value}`;
}

function describeExpected(schema: z.ZodType | undefined, expected: string | undefined): string {
  if (schema instanceof z.ZodObject) return `an object with ${Object.keys(schema.shape).join(", ")}`;
  if (schema instanceof z.ZodEnum) return `one of ${schema.options.join(", ")}`;
  switch (expected) {
    case "string":
      return "text";
    case "array":
      return "a list";
    case "object":
      return "an object";
    case "boolean":
      return "true or false";
    case "number":
      return "a number";
    default:
      return expected ?? "a value";
  }
}

/** zod's own default messages start like this; the schema's custom messages are kept as written. */
const DEFAULT_MESSAGE = /^(Invalid|Too small|Too big|Unrecognized)/;

/**
 * Turn one zod issue into a sentence a pack author can act on. `root` is the raw value that was
 * validated (to quote what was found) and `schema` the schema it was validated with.
 */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown, schema: z.ZodType): string {
  const found = valueAt(root, issue.path);
  const custom = !DEFAULT_MESSAGE.test(issue.message);
  switch (issue.code) {
    case "invalid_type": {
      const expected = describeExpected(schemaAt(schema, issue.path), issue.expected);
      return found === undefined
        ? `missing (expected ${expected})`
        : `expected ${expected}, found ${describeValue(found)}`;
    }
    case "invalid_value": {
      const values = issue.values.map((v) => String(v));
      const shown = typeof found === "string" ? `"${found}"` : describeValue(found);
      return values.length === 1
        ? `must be "${values[0]}", found ${shown}`
        : `${shown} is not one of ${values.join(", ")}`;
    }
    case "invalid_format":
      return typeof found === "string"
        ? `"${found}" ${custom ? issue.message : "has the wrong format"}`
        : issue.message;
    case "too_small":
    case "too_big": {
      const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
      if (issue.origin === "array") {
        const count = Array.isArray(found) ? ` (found ${found.length})` : "";
        if (custom) return `${issue.message}${count}`;
        return `${issue.code === "too_small" ? "needs at least" : "allows at most"} ${String(limit)} items${count}`;
      }
      if (custom) return issue.message;
      if (issue.origin === "string" && issue.code === "too_small" && Number(limit) === 1) return "is empty";
      return `${issue.code === "too_small" ? "needs at least" : "allows at most"} ${String(limit)} characters`;
    }
    default:
      return issue.message;
  }
}
