import { z } from "zod";

/**
 * What the model must return at each step, validated strictly after a tolerant parse (see
 * parseModelJson). Unknown fields are dropped; missing or empty required fields fail the answer.
 */

const text = (min = 1) => z.string().trim().min(min);
const lineNumber = z.coerce.number().int().positive();

/** The map step: notes on one part of the transcript. */
export const MapNotesSchema = z.object({
  chapters: z.array(z.object({ title: text(), summary: text(20) })).min(1, "no chapter summary"),
  concepts: z.array(z.object({ name: text(), notes: text(), lines: z.array(lineNumber).default([]) })).default([]),
  claims: z
    .array(z.object({ speaker: text(), topic: text(), claim: text(), quote: text(), line: lineNumber }))
    .default([]),
});
export type MapNotes = z.infer<typeof MapNotesSchema>;

const HAN = /[\u3400-\u9fff]/u;

const LanguageBlock = z.object({
  explanation: text(20),
  examples: z.array(text()).min(1, "no example").max(4),
  checkQuestions: z.array(text(5)).min(1, "no check question").max(5),
});

// Chinese says in 10 characters what English says in 30.
const ChineseBlock = LanguageBlock.extend({ explanation: text(8) }).refine((b) => HAN.test(b.explanation), {
  message: "is not written in Chinese",
  path: ["explanation"],
});

/** One concept of the reduce step, in both languages. */
export const ConceptItemSchema = z.object({
  name: text(),
  en: LanguageBlock,
  zh: ChineseBlock,
  keyPoints: z
    .array(z.object({ en: text(3), zh: text(), required: z.boolean().default(true) }))
    .min(1, "no key point")
    .max(6),
  misconceptions: z
    .array(z.object({ en: text(3), zh: text() }))
    .max(4)
    .default([]),
  prerequisites: z.array(text()).max(6).default([]),
  lines: z.array(lineNumber).default([]),
});
export type ConceptItem = z.infer<typeof ConceptItemSchema>;

/** The reduce step's answer for a batch of concepts; each item is validated on its own. */
export const ConceptBatchSchema = z.object({ concepts: z.array(z.unknown()).min(1, "no concept") });

/** The speakers' claims grouped into comparable topics. */
export const StanceGroupsSchema = z.object({
  topics: z
    .array(z.object({ topic: text(), claims: z.array(lineNumber).min(1) }))
    .min(1, "no topic")
    .max(12),
});
export type StanceGroups = z.infer<typeof StanceGroupsSchema>;

/** A node of the refined mind map as the model writes it. */
export interface MapOutNode {
  title: string;
  concept?: string | undefined;
  chapter?: number | undefined;
  children?: MapOutNode[] | undefined;
}

const MapOutNodeSchema: z.ZodType<MapOutNode> = z.lazy(() =>
  z.object({
    title: text().max(160),
    concept: z.string().optional(),
    chapter: z.coerce.number().int().optional(),
    children: z.array(MapOutNodeSchema).max(16).optional(),
  }),
);

/** The refined mind map: a root with branches. */
export const MindMapOutSchema = z.object({ root: MapOutNodeSchema });

/** A zod failure as a short phrase for the retry message and the skip reason. */
export function schemaProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.join(".") || "answer";
  return `"${where}" ${issue?.message ?? "is invalid"}`;
}
