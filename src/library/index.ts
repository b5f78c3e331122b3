export * from "./analyze-episode.js";
export { bestVerified, type ExportDataOptions, loadEpisodeExportData } from "./episode-export-data.js";
export * from "./episode-json.js";
export * from "./fetch-source.js";
export {
  type AudioImportOptions,
  type AudioProgressDetail,
  type AudioSource,
  audioFolder,
  audioOffsetOf,
  keepAudioUpload,
  type ReceivedUpload,
  receiveUpload,
  requireAsrConfig,
  TranscriptionQueued,
  UploadTooLarge,
} from "./import-audio.js";
export * from "./import-episode.js";
export * from "./packs.js";
export * from "./sample.js";
export * from "./transcribe-job.js";
