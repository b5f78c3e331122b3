/**
 * The speech recognisers deeplisten knows, as plain data: the configuration, its error messages
 * and the "nothing configured" help all read this one list.
 */

/** How deeplisten talks to a recogniser: an OpenAI-style HTTP endpoint, or sherpa-onnx in this process. */
export type AsrKind = "openai-compatible" | "sherpa-onnx";

/** One recogniser deeplisten can use. */
export interface AsrProvider {
  /** Stable id used in DEEPLISTEN_ASR_PROVIDER and asr.json. */
  id: string;
  label: string;
  kind: AsrKind;
  /** Where requests go unless the user gives another base URL (HTTP providers only). */
  defaultBaseUrl?: string;
  /** The model asked for unless the user names one; the first is the default. */
  suggestedModels: string[];
  needsKey: boolean;
  /** One line: where it comes from and how to start it. */
  note: string;
}

/** Where the local models come from, named in messages. */
export const WHISPER_CPP_MODELS = "https://huggingface.co/ggerganov/whisper.cpp";
export const SHERPA_MODELS = "https://github.com/k2-fsa/sherpa-onnx/releases/tag/asr-models";

export const ASR_PROVIDERS: readonly AsrProvider[] = [
  {
    id: "whisper-cpp",
    label: "whisper.cpp server (local)",
    kind: "openai-compatible",
    defaultBaseUrl: "http://127.0.0.1:8080/v1",
    suggestedModels: ["whisper-1"],
    needsKey: false,
    note: `whisper-server -m ggml-large-v3-turbo.bin --inference-path /v1/audio/transcriptions (models: ${WHISPER_CPP_MODELS})`,
  },
  {
    id: "faster-whisper",
    label: "faster-whisper server (speaches, local)",
    kind: "openai-compatible",
    defaultBaseUrl: "http://127.0.0.1:8000/v1",
    suggestedModels: ["Systran/faster-whisper-small", "Systran/faster-distil-whisper-large-v3"],
    needsKey: false,
    note: "docker run -p 8000:8000 ghcr.io/speaches-ai/speaches (models download on first use)",
  },
  {
    id: "openai",
    label: "OpenAI",
    kind: "openai-compatible",
    defaultBaseUrl: "https://api.openai.com/v1",
    // whisper-1 is the OpenAI model that returns segment timestamps (verbose_json).
    suggestedModels: ["whisper-1"],
    needsKey: true,
    note: "key from platform.openai.com",
  },
  {
    id: "groq",
    label: "Groq",
    kind: "openai-compatible",
    defaultBaseUrl: "https://api.groq.com/openai/v1",
    suggestedModels: ["whisper-large-v3-turbo", "whisper-large-v3"],
    needsKey: true,
    note: "key from console.groq.com",
  },
  {
    id: "openai-compatible",
    label: "any OpenAI-compatible transcription server",
    kind: "openai-compatible",
    suggestedModels: ["whisper-1"],
    needsKey: false,
    note: "set DEEPLISTEN_ASR_BASE_URL to the server's /v1 URL",
  },
  {
    id: "sherpa-onnx",
    label: "sherpa-onnx (local, offline)",
    kind: "sherpa-onnx",
    // For sherpa-onnx the "model" says which family the folder holds; empty means: tell from the folder.
    suggestedModels: ["whisper", "sense-voice", "paraformer"],
    needsKey: false,
    note: `npm install sherpa-onnx-node, and a Whisper, SenseVoice or Paraformer model folder from ${SHERPA_MODELS} in DEEPLISTEN_ASR_MODEL_DIR`,
  },
];

/** The provider with this id, or undefined. */
export function findAsrProvider(id: string): AsrProvider | undefined {
  return ASR_PROVIDERS.find((p) => p.id === id);
}

/** The ids, for messages that list the choices. */
export function asrProviderIds(): string[] {
  return ASR_PROVIDERS.map((p) => p.id);
}
