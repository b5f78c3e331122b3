import { describe, expect, it } from "vitest";
import { findProvider, LLM_PROVIDERS, providerIds } from "./providers.js";

describe("provider registry", () => {
  it("lists every provider the design promises, each with a usable shape", () => {
    expect(providerIds()).toEqual([
      "gemini",
      "openai",
      "anthropic",
      "ollama",
      "llama-cpp",
      "vllm",
      "lm-studio",
      "deepseek",
      "qwen",
      "kimi",
    ]);
    for (const p of LLM_PROVIDERS) {
      expect(p.label.length).toBeGreaterThan(0);
      expect(["google", "openai", "anthropic", "openai-compatible"]).toContain(p.kind);
      expect(() => new URL(p.defaultBaseUrl)).not.toThrow();
      expect(p.defaultBaseUrl.endsWith("/")).toBe(false);
      expect(p.suggestedModels.length).toBeGreaterThan(0);
      expect(typeof p.needsKey).toBe("boolean");
    }
  });

  it("is plain data that survives JSON, so it can be served to the browser as is", () => {
    expect(JSON.parse(JSON.stringify(LLM_PROVIDERS))).toEqual(LLM_PROVIDERS);
  });

  it("knows the local servers' default addresses and that they need no key", () => {
    expect(findProvider("ollama")).toMatchObject({ defaultBaseUrl: "http://127.0.0.1:11434/v1", needsKey: false });
    expect(findProvider("llama-cpp")).toMatchObject({ defaultBaseUrl: "http://127.0.0.1:8080/v1", needsKey: false });
    expect(findProvider("lm-studio")).toMatchObject({ defaultBaseUrl: "http://127.0.0.1:1234/v1", needsKey: false });
    expect(findProvider("deepseek")).toMatchObject({ defaultBaseUrl: "https://api.deepseek.com/v1", needsKey: true });
    expect(findProvider("qwen")?.defaultBaseUrl).toContain("dashscope");
    expect(findProvider("qwen")?.defaultBaseUrl).toContain("compatible-mode/v1");
    expect(findProvider("kimi")?.defaultBaseUrl).toContain("moonshot");
    expect(findProvider("gemini")?.kind).toBe("google");
    expect(findProvider("anthropic")?.kind).toBe("anthropic");
    expect(findProvider("nope")).toBeUndefined();
  });
});
