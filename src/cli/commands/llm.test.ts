import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startOpenAiReplayServer } from "../../../test/helpers/openai-replay-server.js";
import type { CliContext } from "../context.js";
import { CommandError, UsageError } from "../usage-error.js";
import { llmCommand } from "./llm.js";

const KEY = "sk-cli-test-abcdef0123456789";

let home: string;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "deeplisten-llm-cli-"));
  // The developer's own DEEPLISTEN_LLM_* must not leak into these tests; empty counts as unset.
  for (const name of ["PROVIDER", "MODEL", "BASE_URL", "API_KEY"]) vi.stubEnv(`DEEPLISTEN_LLM_${name}`, "");
});
afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(home, { recursive: true, force: true });
});

function context(json: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CliContext = {
    home,
    json,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    openLibrary: () => {
      throw new Error("llm commands must not open the library");
    },
  };
  return { ctx, out, err };
}

describe("deeplisten llm", () => {
  it("lists the providers as JSON", async () => {
    const { ctx, out } = context(true);
    expect(await llmCommand(ctx, ["providers"])).toBe(0);
    const doc = JSON.parse(out.join("")) as { providers: { id: string }[] };
    expect(doc.providers.map((p) => p.id)).toContain("ollama");
  });

  it("saves the settings with mode 0600 and never prints the key", async () => {
    const { ctx, out, err } = context(false);
    expect(await llmCommand(ctx, ["set", "--provider", "deepseek", "--model", "deepseek-chat", "--api-key", KEY])).toBe(
      0,
    );
    const file = join(home, "llm.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ provider: "deepseek", apiKey: KEY });
    const printed = [...out, ...err].join("\n");
    expect(printed).toContain("deepseek-chat");
    expect(printed).not.toContain(KEY);

    // Changing the model keeps the saved key.
    expect(await llmCommand(ctx, ["set", "--provider", "deepseek", "--model", "deepseek-reasoner"])).toBe(0);
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ model: "deepseek-reasoner", apiKey: KEY });

    const shown = context(true);
    expect(await llmCommand(shown.ctx, ["show"])).toBe(0);
    expect(shown.out.join("")).not.toContain(KEY);
    expect(JSON.parse(shown.out.join(""))).toMatchObject({ config: { provider: "deepseek", apiKey: "****6789" } });
  });

  it("refuses an unknown provider, a missing key and a bad URL with the flag to fix", async () => {
    const { ctx } = context(false);
    await expect(llmCommand(ctx, ["set", "--provider", "gpt", "--model", "x"])).rejects.toThrow(UsageError);
    await expect(llmCommand(ctx, ["set", "--provider", "openai", "--model", "gpt-4.1"])).rejects.toThrow(/--api-key/);
    await expect(
      llmCommand(ctx, ["set", "--provider", "ollama", "--model", "m", "--base-url", "localhost:11434"]),
    ).rejects.toThrow(CommandError);
  });

  it("tests the saved configuration against a local server", async () => {
    const server = await startOpenAiReplayServer({ models: ["qwen2.5:7b"] });
    try {
      const { ctx } = context(false);
      await llmCommand(ctx, ["set", "--provider", "ollama", "--model", "qwen2.5:7b", "--base-url", server.baseUrl]);
      const ok = context(true);
      expect(await llmCommand(ok.ctx, ["test"])).toBe(0);
      expect(JSON.parse(ok.out.join(""))).toMatchObject({ ok: true, provider: "ollama", model: "qwen2.5:7b" });

      await llmCommand(ctx, ["set", "--provider", "ollama", "--model", "llama3", "--base-url", server.baseUrl]);
      const bad = context(false);
      expect(await llmCommand(bad.ctx, ["test"])).toBe(1);
      expect(bad.out.join("\n")).toContain("unknown-model");
      expect(bad.out.join("\n")).toContain("ollama pull llama3");
    } finally {
      await server.close();
    }
  });

  it("says how to configure a model when none is", async () => {
    const { ctx } = context(false);
    await expect(llmCommand(ctx, ["test"])).rejects.toThrow(/deeplisten llm set/);
  });
});
