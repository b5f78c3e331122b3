import { existsSync, rmSync } from "node:fs";
import { Hono } from "hono";
import { z } from "zod";
import {
  ASR_ENV,
  ASR_PROVIDERS,
  AsrConfigError,
  type AsrSettings,
  asrSettingsFile,
  describeAsrConfig,
  maskAsrKey,
  noRecogniserMessage,
  readAsrConfig,
  readAsrSettings,
  saveAsrSettings,
  testRecogniser,
} from "../../asr/index.js";
import type { AsrSettingsResponse, AsrTestResponse } from "../contract/asr.js";
import { readJsonBody } from "../read-json-body.js";
import type { RouteDeps } from "../route-deps.js";

const SettingsBody = z.object({
  provider: z.string().trim().min(1, "choose a recogniser"),
  model: z.string().trim().max(200).nullish(),
  baseUrl: z.string().trim().max(500).nullish(),
  apiKey: z.string().trim().max(500).nullish(),
  modelDir: z.string().trim().max(1000).nullish(),
  parallel: z.number().int().nullish(),
  chunkSeconds: z.number().nullish(),
});

/**
 * `/api/settings/asr`: the speech recogniser that transcribes audio. The key is written to
 * `<library>/asr.json` (mode 0600) and never sent back: answers carry a mask at most.
 */
export function asrSettingsRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const file = asrSettingsFile(deps.home);

  app.get("/asr", (c) => c.json(settingsResponse(file)));

  app.put("/asr", async (c) => {
    const parsed = await readJsonBody(c, SettingsBody);
    if (!parsed.ok) return c.json({ error: `the settings ${parsed.error}` }, 400);
    const body = parsed.value;
    let previous: AsrSettings | null = null;
    try {
      previous = readAsrSettings(file);
    } catch {
      // A damaged file is replaced by what the learner saves now.
    }
    // An absent key keeps the saved one, but only for the same recogniser: a key is never lent to another.
    const apiKey =
      body.apiKey === undefined ? (previous?.provider === body.provider ? previous.apiKey : undefined) : body.apiKey;
    const settings: AsrSettings = {
      provider: body.provider,
      ...(body.model ? { model: body.model } : {}),
      ...(body.baseUrl ? { baseUrl: body.baseUrl } : {}),
      ...(apiKey ? { apiKey } : {}),
      ...(body.modelDir ? { modelDir: body.modelDir } : {}),
      ...(typeof body.parallel === "number" ? { parallel: body.parallel } : {}),
      ...(typeof body.chunkSeconds === "number" ? { chunkSeconds: body.chunkSeconds } : {}),
    };
    try {
      saveAsrSettings(file, settings);
    } catch (error) {
      if (error instanceof AsrConfigError) return c.json({ error: error.message }, 400);
      throw error;
    }
    return c.json(settingsResponse(file));
  });

  app.delete("/asr", (c) => {
    if (existsSync(file)) rmSync(file);
    return c.json(settingsResponse(file));
  });

  app.post("/asr/test", async (c) => {
    let config: ReturnType<typeof readAsrConfig>;
    try {
      config = readAsrConfig(process.env, file);
    } catch (error) {
      if (!(error instanceof AsrConfigError)) throw error;
      const body: AsrTestResponse = {
        ok: false,
        provider: null,
        model: null,
        problem: "other",
        message: error.message,
      };
      return c.json(body);
    }
    if (!config) {
      const body: AsrTestResponse = {
        ok: false,
        provider: null,
        model: null,
        problem: "not-configured",
        message: noRecogniserMessage(file),
      };
      return c.json(body);
    }
    const result = await testRecogniser(config);
    const body: AsrTestResponse = result.ok
      ? {
          ok: true,
          provider: config.provider.id,
          model: config.model,
          ms: result.ms,
          sample: result.sample,
          heard: result.heard,
        }
      : {
          ok: false,
          provider: config.provider.id,
          model: config.model,
          problem: result.problem,
          message: result.message,
        };
    return c.json(body);
  });

  return app;
}

/** What the page shows: the registry, the saved file (key masked), what is in effect, and why not. */
export function settingsResponse(file: string): AsrSettingsResponse {
  let saved: AsrSettings | null = null;
  let problem: string | null = null;
  try {
    saved = readAsrSettings(file);
  } catch (error) {
    if (!(error instanceof AsrConfigError)) throw error;
    problem = error.message;
  }
  let current: AsrSettingsResponse["current"] = null;
  try {
    const config = readAsrConfig(process.env, file);
    if (config) current = describeAsrConfig(config, process.env, file);
    else problem ??= noRecogniserMessage(file);
  } catch (error) {
    if (!(error instanceof AsrConfigError)) throw error;
    problem ??= error.message;
  }
  const env = {
    provider: ASR_ENV.provider,
    baseUrl: ASR_ENV.baseUrl,
    model: ASR_ENV.model,
    apiKey: ASR_ENV.apiKey,
    modelDir: ASR_ENV.modelDir,
    parallel: ASR_ENV.parallel,
    chunkSeconds: ASR_ENV.chunkSeconds,
  };
  return {
    providers: ASR_PROVIDERS.map((p) => ({
      id: p.id,
      label: p.label,
      kind: p.kind,
      defaultBaseUrl: p.defaultBaseUrl ?? null,
      suggestedModels: [...p.suggestedModels],
      needsKey: p.needsKey,
      note: p.note,
    })),
    saved: saved
      ? {
          provider: saved.provider,
          model: saved.model ?? null,
          baseUrl: saved.baseUrl ?? null,
          modelDir: saved.modelDir ?? null,
          apiKey: saved.apiKey ? maskAsrKey(saved.apiKey) : null,
          parallel: saved.parallel ?? null,
          chunkSeconds: saved.chunkSeconds ?? null,
        }
      : null,
    current,
    problem,
    file,
    env,
    envSet: Object.values(env).filter((name) => (process.env[name] ?? "").trim() !== ""),
  };
}
