import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  describeLlmConfig,
  LlmConfigError,
  llmSettingsFile,
  maskKey,
  readLlmConfig,
  readLlmSettings,
  saveLlmSettings,
} from "./config.js";

const KEY = "sk-test-1234567890abcdefWXYZ";

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "deeplisten-llm-config-"));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

function errorOf(run: () => unknown): LlmConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof LlmConfigError) return error;
    throw error;
  }
  throw new Error("expected an LlmConfigError");
}

describe("readLlmConfig from the environment", () => {
  it("is null when nothing is configured: deeplisten stays offline", () => {
    expect(readLlmConfig({})).toBeNull();
    expect(readLlmConfig({ DEEPLISTEN_LLM_PROVIDER: "  " })).toBeNull();
  });

  it("reads provider, model, base URL and key, with the registry's default URL", () => {
    const config = readLlmConfig({ DEEPLISTEN_LLM_PROVIDER: "ollama", DEEPLISTEN_LLM_MODEL: "qwen2.5:7b" });
    expect(config).toMatchObject({
      provider: { id: "ollama" },
      model: "qwen2.5:7b",
      baseUrl: "http://127.0.0.1:11434/v1",
      sources: { provider: "env", model: "env", baseUrl: "default" },
    });
    expect(config?.apiKey).toBeUndefined();
    const custom = readLlmConfig({
      DEEPLISTEN_LLM_PROVIDER: "vllm",
      DEEPLISTEN_LLM_MODEL: "m",
      DEEPLISTEN_LLM_BASE_URL: "http://10.0.0.2:9000/v1/",
    });
    expect(custom?.baseUrl).toBe("http://10.0.0.2:9000/v1");
  });

  it("names the variable to fix", () => {
    const unknown = errorOf(() => readLlmConfig({ DEEPLISTEN_LLM_PROVIDER: "chatgpt", DEEPLISTEN_LLM_MODEL: "x" }));
    expect(unknown.where).toBe("DEEPLISTEN_LLM_PROVIDER");
    expect(unknown.message).toContain("DEEPLISTEN_LLM_PROVIDER");
    expect(unknown.message).toContain("ollama");

    const noModel = errorOf(() => readLlmConfig({ DEEPLISTEN_LLM_PROVIDER: "ollama" }));
    expect(noModel.message).toContain("DEEPLISTEN_LLM_MODEL");

    const badUrl = errorOf(() =>
      readLlmConfig({
        DEEPLISTEN_LLM_PROVIDER: "ollama",
        DEEPLISTEN_LLM_MODEL: "m",
        DEEPLISTEN_LLM_BASE_URL: "localhost:11434",
      }),
    );
    expect(badUrl.message).toContain("DEEPLISTEN_LLM_BASE_URL");

    const noKey = errorOf(() =>
      readLlmConfig({ DEEPLISTEN_LLM_PROVIDER: "openai", DEEPLISTEN_LLM_MODEL: "gpt-4.1-mini" }),
    );
    expect(noKey.message).toContain("DEEPLISTEN_LLM_API_KEY");

    const orphan = errorOf(() => readLlmConfig({ DEEPLISTEN_LLM_MODEL: "m" }));
    expect(orphan.message).toContain("DEEPLISTEN_LLM_PROVIDER");
  });
});

describe("the settings file", () => {
  it("is written readable by the owner only, also when it already existed with looser rights", () => {
    const file = llmSettingsFile(home);
    writeFileSync(file, "{}", { mode: 0o644 });
    saveLlmSettings(file, { provider: "deepseek", model: "deepseek-chat", apiKey: KEY });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readLlmSettings(file)).toEqual({ provider: "deepseek", model: "deepseek-chat", apiKey: KEY });
  });

  it("is overridden field by field by the environment", () => {
    const file = llmSettingsFile(home);
    saveLlmSettings(file, { provider: "deepseek", model: "deepseek-chat", apiKey: KEY });
    const config = readLlmConfig({ DEEPLISTEN_LLM_MODEL: "deepseek-reasoner" }, file);
    expect(config).toMatchObject({
      model: "deepseek-reasoner",
      apiKey: KEY,
      sources: { provider: "file", model: "env", apiKey: "file", baseUrl: "default" },
    });
  });

  it("does not lend its key to another provider chosen in the environment", () => {
    const file = llmSettingsFile(home);
    saveLlmSettings(file, { provider: "deepseek", model: "deepseek-chat", apiKey: KEY });
    const error = errorOf(() =>
      readLlmConfig({ DEEPLISTEN_LLM_PROVIDER: "openai", DEEPLISTEN_LLM_MODEL: "gpt-4.1" }, file),
    );
    expect(error.message).toContain("DEEPLISTEN_LLM_API_KEY");
  });

  it("names the file when it is broken", () => {
    const file = llmSettingsFile(home);
    writeFileSync(file, "{ not json");
    const notJson = errorOf(() => readLlmConfig({}, file));
    expect(notJson.where).toBe(file);
    expect(notJson.message).toContain(file);

    writeFileSync(file, JSON.stringify({ provider: "ollama", model: "" }));
    const emptyModel = errorOf(() => readLlmConfig({}, file));
    expect(emptyModel.message).toContain(file);
    expect(emptyModel.message).toContain("model");

    writeFileSync(file, JSON.stringify({ provider: "gpt", model: "x" }));
    const unknown = errorOf(() => readLlmConfig({}, file));
    expect(unknown.message).toContain(file);
    expect(unknown.message).toContain('"gpt"');
  });
});

describe("describeLlmConfig", () => {
  it("never includes the key, only a mask", () => {
    const config = readLlmConfig({
      DEEPLISTEN_LLM_PROVIDER: "openai",
      DEEPLISTEN_LLM_MODEL: "gpt-4.1",
      DEEPLISTEN_LLM_API_KEY: KEY,
    });
    if (!config) throw new Error("expected a config");
    const described = describeLlmConfig(config);
    expect(described.apiKey).toBe("****WXYZ");
    expect(JSON.stringify(described)).not.toContain(KEY);
    expect(JSON.stringify(described)).not.toContain("sk-test");
    expect(maskKey("short")).toBe("****");
  });

  it("says none when there is no key", () => {
    const config = readLlmConfig({ DEEPLISTEN_LLM_PROVIDER: "ollama", DEEPLISTEN_LLM_MODEL: "m" });
    if (!config) throw new Error("expected a config");
    expect(describeLlmConfig(config).apiKey).toBeNull();
  });
});
