/**
 * The LLM providers deeplisten knows, as plain data: the settings page, `deeplisten llm providers`
 * and the model factory all read this one list, so adding a server is one entry here.
 */

/** Which AI SDK provider package talks to a provider. */
export type ProviderKind = "google" | "openai" | "anthropic" | "openai-compatible";

/** One provider deeplisten can use. */
export interface LlmProvider {
  /** Stable id used in DEEPLISTEN_LLM_PROVIDER and llm.json. */
  id: string;
  /** Human name for menus. */
  label: string;
  kind: ProviderKind;
  /** Where requests go unless the user gives another base URL. */
  defaultBaseUrl: string;
  /** Models worth suggesting; any other model name is accepted too. */
  suggestedModels: string[];
  /** Whether the provider refuses requests without an API key (local servers usually do not). */
  needsKey: boolean;
  /** One line about when to choose it. */
  note: string;
}

/** Every provider, cloud first, then local servers, then OpenAI-compatible clouds. */
export const LLM_PROVIDERS: readonly LlmProvider[] = [
  {
    id: "gemini",
    label: "Google Gemini",
    kind: "google",
    defaultBaseUrl: "https://generativelanguage.googleapis.com/v1beta",
    suggestedModels: ["gemini-2.5-flash", "gemini-2.5-pro", "gemini-2.5-flash-lite"],
    needsKey: true,
    note: "key from Google AI Studio; long context suits whole episodes",
  },
  {
    id: "openai",
    label: "OpenAI",
    kind: "openai",
    defaultBaseUrl: "https://api.openai.com/v1",
    suggestedModels: ["gpt-4.1-mini", "gpt-4.1", "gpt-4o-mini"],
    needsKey: true,
    note: "key from platform.openai.com",
  },
  {
    id: "anthropic",
    label: "Anthropic Claude",
    kind: "anthropic",
    defaultBaseUrl: "https://api.anthropic.com/v1",
    suggestedModels: ["claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1"],
    needsKey: true,
    note: "key from console.anthropic.com",
  },
  {
    id: "ollama",
    label: "Ollama (local)",
    kind: "openai-compatible",
    defaultBaseUrl: "http://127.0.0.1:11434/v1",
    suggestedModels: ["qwen2.5:7b", "llama3.1:8b", "gemma3:4b"],
    needsKey: false,
    note: "runs on this computer; pull the model first (ollama pull <model>)",
  },
  {
    id: "llama-cpp",
    label: "llama.cpp server (local)",
    kind: "openai-compatible",
    defaultBaseUrl: "http://127.0.0.1:8080/v1",
    // llama-server answers with whatever GGUF it loaded, whatever the model name says.
    suggestedModels: ["local"],
    needsKey: false,
    note: "start it with llama-server -m <model.gguf>",
  },
  {
    id: "vllm",
    label: "vLLM (local or self-hosted)",
    kind: "openai-compatible",
    defaultBaseUrl: "http://127.0.0.1:8000/v1",
    suggestedModels: ["Qwen/Qwen2.5-7B-Instruct", "meta-llama/Llama-3.1-8B-Instruct"],
    // vLLM only checks a key when started with --api-key.
    needsKey: false,
    note: "the model name is the one vllm serve was started with",
  },
  {
    id: "lm-studio",
    label: "LM Studio (local)",
    kind: "openai-compatible",
    defaultBaseUrl: "http://127.0.0.1:1234/v1",
    suggestedModels: ["qwen2.5-7b-instruct", "llama-3.1-8b-instruct"],
    needsKey: false,
    note: "start the local server in LM Studio's Developer tab",
  },
  {
    id: "deepseek",
    label: "DeepSeek",
    kind: "openai-compatible",
    defaultBaseUrl: "https://api.deepseek.com/v1",
    suggestedModels: ["deepseek-chat", "deepseek-reasoner"],
    needsKey: true,
    note: "key from platform.deepseek.com",
  },
  {
    id: "qwen",
    label: "Qwen (Alibaba DashScope)",
    kind: "openai-compatible",
    defaultBaseUrl: "https://dashscope.aliyuncs.com/compatible-mode/v1",
    suggestedModels: ["qwen-plus", "qwen-max", "qwen-turbo"],
    needsKey: true,
    note: "key from the DashScope console; outside China use dashscope-intl.aliyuncs.com",
  },
  {
    id: "kimi",
    label: "Kimi (Moonshot AI)",
    kind: "openai-compatible",
    defaultBaseUrl: "https://api.moonshot.cn/v1",
    suggestedModels: ["kimi-k2-0905-preview", "moonshot-v1-32k", "moonshot-v1-8k"],
    needsKey: true,
    note: "key from platform.moonshot.cn; outside China use https://api.moonshot.ai/v1",
  },
];

/** The provider with this id, or undefined. */
export function findProvider(id: string): LlmProvider | undefined {
  return LLM_PROVIDERS.find((p) => p.id === id);
}

/** The ids, for error messages that list the choices. */
export function providerIds(): string[] {
  return LLM_PROVIDERS.map((p) => p.id);
}
