import { generateText, streamText } from "ai";
import { afterEach, describe, expect, it } from "vitest";
import { closedPort, type ReplayServer, startOpenAiReplayServer } from "../../test/helpers/openai-replay-server.js";
import { type LlmConfig, readLlmConfig } from "./config.js";
import { createLanguageModel } from "./model-factory.js";
import { testConnection } from "./test-connection.js";

const KEY = "sk-replay-0123456789abcdef";

let server: ReplayServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A vLLM-style configuration pointing at the replay server, as the user would set it. */
function configFor(baseUrl: string, extra: Record<string, string> = {}): LlmConfig {
  const config = readLlmConfig({
    DEEPLISTEN_LLM_PROVIDER: "vllm",
    DEEPLISTEN_LLM_MODEL: "replay-model",
    DEEPLISTEN_LLM_BASE_URL: baseUrl,
    ...extra,
  });
  if (!config) throw new Error("expected a config");
  return config;
}

describe("the model factory against a local OpenAI-style server", () => {
  it("runs generateText and streamText through the real openai-compatible provider", async () => {
    server = await startOpenAiReplayServer({
      answers: [{ content: "TCP opens with a three-way handshake." }, { content: "SYN, SYN-ACK, ACK." }],
    });
    const model = createLanguageModel(configFor(server.baseUrl));
    const plain = await generateText({ model, prompt: "How does TCP open a connection?", maxRetries: 0 });
    expect(plain.text).toBe("TCP opens with a three-way handshake.");
    expect(plain.usage.outputTokens).toBeGreaterThan(0);

    const streamed = streamText({ model, prompt: "Name the three packets.", maxRetries: 0 });
    let text = "";
    for await (const part of streamed.textStream) text += part;
    expect(text).toBe("SYN, SYN-ACK, ACK.");
    expect((await streamed.usage).outputTokens).toBeGreaterThan(0);

    expect(server.requests).toHaveLength(2);
    expect(server.requests[0]).toMatchObject({ path: "/v1/chat/completions", body: { model: "replay-model" } });
    expect(server.requests[1]?.body).toMatchObject({ stream: true });
  });
});

describe("testConnection", () => {
  it("reports ok with the model and the time taken, sending the key as a bearer token", async () => {
    server = await startOpenAiReplayServer({ apiKey: KEY });
    const result = await testConnection(configFor(server.baseUrl, { DEEPLISTEN_LLM_API_KEY: KEY }));
    expect(result).toMatchObject({ ok: true, provider: "vllm", model: "replay-model" });
    expect(result.ms).toBeGreaterThanOrEqual(0);
    expect(server.requests[0]?.authorization).toBe(`Bearer ${KEY}`);
  });

  it("says the key was refused and where it came from, without printing it", async () => {
    server = await startOpenAiReplayServer({ apiKey: KEY });
    const wrong = "sk-wrong-key-0000000000000";
    const result = await testConnection(configFor(server.baseUrl, { DEEPLISTEN_LLM_API_KEY: wrong }));
    expect(result).toMatchObject({ ok: false, problem: "bad-key" });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toContain("401");
    expect(result.message).toContain("DEEPLISTEN_LLM_API_KEY");
    expect(result.message).not.toContain(wrong);
  });

  it("says the model is unknown and where to change it", async () => {
    server = await startOpenAiReplayServer({ models: ["qwen2.5:7b"] });
    const result = await testConnection(configFor(server.baseUrl));
    expect(result).toMatchObject({ ok: false, problem: "unknown-model" });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toContain('"replay-model"');
    expect(result.message).toContain("DEEPLISTEN_LLM_MODEL");
  });

  it("treats a 404 with model_not_found from the server's mode switch the same way", async () => {
    server = await startOpenAiReplayServer({ mode: "model-not-found" });
    const result = await testConnection(configFor(server.baseUrl));
    expect(result).toMatchObject({ ok: false, problem: "unknown-model" });
  });

  it("says nothing answers at the address when the port is closed", async () => {
    const port = await closedPort();
    const baseUrl = `http://127.0.0.1:${port}/v1`;
    const result = await testConnection(configFor(baseUrl));
    expect(result).toMatchObject({ ok: false, problem: "unreachable" });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toContain(baseUrl);
    expect(result.message).toContain("ECONNREFUSED");
    expect(result.message).toContain("DEEPLISTEN_LLM_BASE_URL");
  });

  it("gives up after the timeout when the server hangs", async () => {
    server = await startOpenAiReplayServer({ mode: "hang" });
    const started = Date.now();
    const result = await testConnection(configFor(server.baseUrl), { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result).toMatchObject({ ok: false, problem: "timeout" });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toContain("did not answer");
  });

  it("says the server needs a key when none is configured and it answers 401", async () => {
    server = await startOpenAiReplayServer({ mode: "unauthorized" });
    const result = await testConnection(configFor(server.baseUrl));
    expect(result).toMatchObject({ ok: false, problem: "bad-key" });
    if (result.ok) throw new Error("expected a failure");
    expect(result.message).toContain("needs a key");
  });
});
