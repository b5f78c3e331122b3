import type { AsrConfig } from "./config.js";
import { type HttpRecogniserOptions, httpRecogniser } from "./openai-recogniser.js";
import type { Recogniser } from "./recogniser.js";
import { sherpaRecogniser } from "./sherpa-recogniser.js";

/** The recogniser a configuration names. */
export async function createRecogniser(config: AsrConfig, http: HttpRecogniserOptions = {}): Promise<Recogniser> {
  return config.provider.kind === "sherpa-onnx" ? sherpaRecogniser(config) : httpRecogniser(config, http);
}
