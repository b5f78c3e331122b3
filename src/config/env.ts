import envPaths from "env-paths";
import { z } from "zod";

const EnvSchema = z.object({
  DEEPLISTEN_HOME: z.string().trim().min(1).optional(),
  DEEPLISTEN_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  DEEPLISTEN_HOST: z.string().trim().min(1).optional(),
  /** How long a download may wait for the server before giving up (default 20 s). */
  DEEPLISTEN_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  DEEPLISTEN_TOKEN: z.string().trim().min(16, "DEEPLISTEN_TOKEN must be at least 16 characters").optional(),
});

export type DeeplistenEnv = z.infer<typeof EnvSchema>;

/**
 * The environment variables deeplisten reads, parsed once. A bad value is reported with the
 * variable's name so the user knows where to fix it.
 */
export function readEnv(env: NodeJS.ProcessEnv = process.env): DeeplistenEnv {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`environment variable ${String(issue?.path[0])}: ${issue?.message}`);
  }
  return result.data;
}

/** The library folder: `--home`, else DEEPLISTEN_HOME, else the platform's user data folder. */
export function resolveHome(flag: string | undefined, env: DeeplistenEnv): string {
  return flag ?? env.DEEPLISTEN_HOME ?? envPaths("deeplisten", { suffix: "" }).data;
}
