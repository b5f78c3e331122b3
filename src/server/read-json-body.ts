import type { Context } from "hono";
import type { z } from "zod";

/**
 * Reads a JSON body and validates it; the error is a phrase naming the first bad field
 * ("needs startMs: a number"), to be prefixed by what was being sent.
 */
export async function readJsonBody<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; error: string }> {
  const raw = await c.req.json().catch(() => undefined);
  if (raw === undefined) return { ok: false, error: "must be sent as a JSON object" };
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "body";
  return { ok: false, error: `has a bad ${where}: ${issue?.message ?? "invalid"}` };
}
