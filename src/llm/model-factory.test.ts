import { generateText } from "ai";
import { describe, expect, it } from "vitest";
import { type LlmConfig, readLlmConfig } from "./config.js";
import { createLanguageModel } from "./model-factory.js";
import { testConnection } from "./test-connection.js";

const KEY = "key-factory-test-0123456789";

function configFor(provider: string, model: string): LlmConfig {
  const config = readLlmConfig({
    DEEPLISTEN_LLM_PROVIDER: provider,
    DEEPLISTEN_LLM_MODEL: model,
    DEEPLISTEN_LLM_API_KEY: KEY,
  });
  if (!config) throw new Error("expected a config");
  return config;
}

/** A fetch that records the request and refuses it, so nothing leaves this machine. */
function recordingFetch() {
  const seen: { url: string; headers: Headers; body: unknown }[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    seen.push({
      url: String(input instanceof Request ? input.url : input),
      headers: new Headers(init?.headers),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : null,
    });
    return new Response(JSON.stringify({ error: { message: "invalid key" } }), {
      status: 401,
      headers: { "content-type": "application/json" },
    });
  };
  return { fetch: fetch as typeof globalThis.fetch, seen };
}

describe("createLanguageModel uses each provider's own API", () => {
  it("Gemini: generateContent on the Google URL with the x-goog-api-key header", async () => {
    const { fetch, seen } = recordingFetch();
    const model = createLanguageModel(configFor("gemini", "gemini-2.5-flash"), { fetch });
    await expect(generateText({ model, prompt: "hi", maxRetries: 0 })).rejects.toThrow();
    expect(seen[0]?.url).toBe(
      "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
    );
    expect(seen[0]?.headers.get("x-goog-api-key")).toBe(KEY);
    expect(seen[0]?.body).toMatchObject({ contents: [{ role: "user", parts: [{ text: "hi" }] }] });
  });

  it("Anthropic: /v1/messages with the x-api-key header", async () => {
    const { fetch, seen } = recordingFetch();
    const model = createLanguageModel(configFor("anthropic", "claude-haiku-4-5"), { fetch });
    await expect(generateText({ model, prompt: "hi", maxRetries: 0 })).rejects.toThrow();
    expect(seen[0]?.url).toBe("https://api.anthropic.com/v1/messages");
    expect(seen[0]?.headers.get("x-api-key")).toBe(KEY);
    expect(seen[0]?.body).toMatchObject({ model: "claude-haiku-4-5" });
  });

  it("OpenAI: a bearer token to api.openai.com", async () => {
    const { fetch, seen } = recordingFetch();
    const model = createLanguageModel(configFor("openai", "gpt-4.1-mini"), { fetch });
    await expect(generateText({ model, prompt: "hi", maxRetries: 0 })).rejects.toThrow();
    expect(seen[0]?.url.startsWith("https://api.openai.com/v1/")).toBe(true);
    expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("DeepSeek: chat completions through the OpenAI-compatible provider", async () => {
    const { fetch, seen } = recordingFetch();
    const result = await testConnection(configFor("deepseek", "deepseek-chat"), { fetch });
    expect(seen[0]?.url).toBe("https://api.deepseek.com/v1/chat/completions");
    expect(result).toMatchObject({ ok: false, problem: "bad-key" });
  });
});
