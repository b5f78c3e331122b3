import { existsSync, rmSync } from "node:fs";
import { Hono } from "hono";
import { z } from "zod";
import {
  describeLlmConfig,
  LLM_ENV,
  LLM_PROVIDERS,
  LlmConfigError,
  llmSettingsFile,
  maskKey,
  readLlmSettings,
  readModelChoice,
  saveLlmSettings,
  testConnection,
} from "../../llm/index.js";
import type { LlmSettingsResponse, LlmTestResponse } from "../contract/index.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const SettingsBody = z.object({
  provider: z.string().trim().min(1, "choose a provider"),
  model: z.string().trim().min(1, "give a model name").max(200),
  baseUrl: z.string().trim().max(500).nullish(),
  apiKey: z.string().trim().max(500).nullish(),
});

/**
 * `/api/settings/llm`: the model the tutor uses. The key is written to `<library>/llm.json` (mode
 * 0600) and never sent back: answers carry a mask at most. Messages meant for the terminal
 * ("deeplisten llm set …") are reworded to point at this page.
 */
export function settingsRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const file = llmSettingsFile(deps.home);

  app.get("/llm", (c) => c.json(settingsResponse(file, deps.home)));

  app.put("/llm", async (c) => {
    const parsed = await readJsonBody(c, SettingsBody);
    if (!parsed.ok) return c.json({ error: `the settings ${parsed.error}` }, 400);
    const body = parsed.value;
    let previous: ReturnType<typeof readLlmSettings> = null;
    try {
      previous = readLlmSettings(file);
    } catch {
      // A damaged file is replaced by what the learner saves now.
    }
    // An absent key keeps the saved one, but only for the same provider: a key is never lent to another.
    const apiKey =
      body.apiKey === undefined ? (previous?.provider === body.provider ? previous.apiKey : undefined) : body.apiKey;
    try {
      saveLlmSettings(file, {
        provider: body.provider,
        model: body.model,
        ...(body.baseUrl ? { baseUrl: body.baseUrl } : {}),
        ...(apiKey ? { apiKey } : {}),
      });
    } catch (error) {
      if (error instanceof LlmConfigError) return c.json({ error: forThePage(error.message) }, 400);
      throw error;
    }
    return c.json(settingsResponse(file, deps.home));
  });

  app.delete("/llm", (c) => {
    if (existsSync(file)) rmSync(file);
    return c.json(settingsResponse(file, deps.home));
  });

  app.post("/llm/test", async (c) => {
    const choice = readModelChoice(process.env, deps.home);
    if (!choice.config) {
      const body: LlmTestResponse = {
        ok: false,
        provider: null,
        model: null,
        problem: choice.problem ? "other" : "not-configured",
        message: forThePage(
          choice.problem ?? "No model is configured: choose a provider and a model above and save, then test again.",
        ),
        ms: 0,
      };
      return c.json(body);
    }
    const result = await testConnection(choice.config, { timeoutMs: 20_000 });
    const body: LlmTestResponse = result.ok ? result : { ...result, message: forThePage(result.message) };
    return c.json(body);
  });
  return app;
}

function settingsResponse(file: string, home: string): LlmSettingsResponse {
  let saved: LlmSettingsResponse["saved"] = null;
  let problem: string | null = null;
  try {
    const s = readLlmSettings(file);
    if (s) {
      saved = {
        provider: s.provider,
        model: s.model,
        baseUrl: s.baseUrl ?? null,
        apiKey: s.apiKey ? maskKey(s.apiKey) : null,
      };
    }
  } catch (error) {
    if (!(error instanceof LlmConfigError)) throw error;
    problem = error.message;
  }
  const choice = readModelChoice(process.env, home);
  const current = choice.config ? describeLlmConfig(choice.config) : null;
  return {
    providers: LLM_PROVIDERS.map((p) => ({ ...p, suggestedModels: [...p.suggestedModels] })),
    saved,
    current: current
      ? {
          provider: current.provider,
          label: current.label,
          model: current.model,
          baseUrl: current.baseUrl,
          apiKey: current.apiKey,
          sources: current.sources,
        }
      : null,
    problem: problem ?? (choice.problem ? forThePage(choice.problem) : null),
    env: { ...LLM_ENV },
    envSet: Object.values(LLM_ENV).filter((name) => (process.env[name] ?? "").trim() !== ""),
  };
}

/** Terminal advice ("run deeplisten llm set --model …") becomes advice for this page. */
function forThePage(message: string): string {
  return message
    .replace(/\s*\(deeplisten llm set [^)]*\)/g, " (the Settings page)")
    .replace(/(,? )?or run deeplisten llm set [^:;.]*/g, " or choose it on the Settings page")
    .replace(/or with deeplisten llm set --[\w-]+ <value>/g, "or on the Settings page");
}
