import { type DragEvent, type FormEvent, useCallback, useEffect, useRef, useState } from "react";
import { Link, useLocation } from "wouter";
import type {
  ImportResponse,
  JobJson,
  JobsResponse,
  LibraryResponse,
  TranscriptionsResponse,
} from "../../../../src/server/contract/index.js";
import {
  AUDIO_UPLOAD_EXTENSIONS,
  AUDIO_UPLOAD_LIMIT_BYTES,
  UPLOAD_LIMIT_BYTES,
} from "../../../../src/server/contract/library.js";
import { type ApiError, api, useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { ProgressBar } from "../../components/progress-bar.js";
import { formatDuration } from "../../format.js";
import { defineMessages, useLang, useT } from "../../i18n/index.js";
import { TranscriptionList } from "./transcriptions.js";
import "./library.css";

const messages = defineMessages({
  en: {
    title: "Library",
    drop: "Drop a transcript (VTT, SRT, JSON, HTML, Markdown, text) or an audio file here, or",
    choose: "choose a file",
    accepts: "Transcripts up to {limit} MB. Audio ({types}) up to {audioLimit} GB is transcribed.",
    uploading: "Importing {name}…",
    uploadingAudio: "Uploading {name} ({size} MB)…",
    urlLabel: "Transcript, episode page or RSS feed URL",
    urlPlaceholder: "https://…",
    item: "Feed item",
    import: "Import",
    importing: "Importing…",
    imported: "Imported “{title}”. It is being analysed; open it when the bar is full.",
    already: "“{title}” is already in the library.",
    tooLarge:
      "{name} is {size} MB; files up to {limit} MB can be imported here. Use `deeplisten import` for larger ones.",
    tooLargeAudio:
      "{name} is {size} GB; audio up to {limit} GB can be uploaded here. Use `deeplisten import` for larger files.",
    empty: "No episodes yet. Drop a transcript or an audio file above, or paste the address of one.",
    speakers: "{n} speakers",
    concepts: "{verified} of {total} concepts verified",
    marks: "{n} marks",
    notAnalysed: "not analysed yet",
    pass: "Pass {n}",
    job: "{kind}: {step}",
    jobFailed: "{kind} failed: {error}",
    analysis: "Analysis",
    transcribe: "Transcription",
  },
  "zh-CN": {
    title: "资料库",
    drop: "把文字稿（VTT、SRT、JSON、HTML、Markdown、纯文本）或音频文件拖到这里，或",
    choose: "选择文件",
    accepts: "文字稿最大 {limit} MB。音频（{types}）最大 {audioLimit} GB，会自动转写。",
    uploading: "正在导入 {name}…",
    uploadingAudio: "正在上传 {name}（{size} MB）…",
    urlLabel: "文字稿、节目页面或 RSS 订阅地址",
    urlPlaceholder: "https://…",
    item: "订阅中的第几集",
    import: "导入",
    importing: "正在导入…",
    imported: "已导入《{title}》，正在分析；进度条走满后即可打开。",
    already: "《{title}》已经在资料库里了。",
    tooLarge: "{name} 有 {size} MB；这里最多可导入 {limit} MB 的文件，更大的请用 `deeplisten import`。",
    tooLargeAudio: "{name} 有 {size} GB；这里最多可上传 {limit} GB 的音频，更大的请用 `deeplisten import`。",
    empty: "资料库还是空的。把文字稿或音频文件拖到上面，或粘贴它的地址。",
    speakers: "{n} 位说话人",
    concepts: "已验证 {verified} / {total} 个概念",
    marks: "{n} 处标记",
    notAnalysed: "尚未分析",
    pass: "第 {n} 遍",
    job: "{kind}：{step}",
    jobFailed: "{kind} 失败：{error}",
    analysis: "分析",
    transcribe: "转写",
  },
});

/** `/`: the episodes with the learner's progress, import by drop or URL, and running jobs. */
export default function LibraryPage() {
  const t = useT(messages);
  const { lang } = useLang();
  const library = useApi<LibraryResponse>("/api/episodes");
  const jobs = useApi<JobsResponse>("/api/jobs");
  const transcriptions = useApi<TranscriptionsResponse>("/api/episodes/transcriptions");
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<Error | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [, navigate] = useLocation();

  const active = (jobs.data?.jobs ?? []).filter((j) => j.state === "queued" || j.state === "running");
  // Transcriptions still to show: running, waiting, or failed (with a retry); a finished one becomes its episode.
  const shownTranscriptions = (transcriptions.data?.transcriptions ?? []).filter((tr) => tr.state !== "done");
  const activeCount = active.length;
  // While anything runs, follow its progress; when it ends, the library shows the new state.
  const { reload: reloadJobsOnly } = jobs;
  const { reload: reloadTranscriptions } = transcriptions;
  const reloadJobs = useCallback(() => {
    reloadJobsOnly();
    reloadTranscriptions();
  }, [reloadJobsOnly, reloadTranscriptions]);
  const { reload: reloadLibrary } = library;
  const wasActive = useRef(0);
  useEffect(() => {
    if (activeCount === 0) {
      if (wasActive.current > 0) reloadLibrary();
      wasActive.current = 0;
      return;
    }
    wasActive.current = activeCount;
    const timer = setInterval(reloadJobs, 800);
    return () => clearInterval(timer);
  }, [activeCount, reloadJobs, reloadLibrary]);

  // A finished transcription is a new episode: show it without waiting for its analysis.
  const transcribedCount = (transcriptions.data?.transcriptions ?? []).filter((tr) => tr.state === "done").length;
  const lastTranscribed = useRef<number | null>(null);
  useEffect(() => {
    if (lastTranscribed.current !== null && transcribedCount > lastTranscribed.current) reloadLibrary();
    lastTranscribed.current = transcribedCount;
  }, [transcribedCount, reloadLibrary]);

  useEffect(() => {
    document.title = "deeplisten";
  }, []);

  const afterImport = (result: ImportResponse) => {
    setFailure(null);
    reloadJobs();
    if (!result.episode) {
      // Audio: transcribed in the background; the "Transcribing" list follows it (and says when it fails).
      setNotice(null);
      return;
    }
    setNotice(t(result.alreadyImported ? "already" : "imported", { title: result.episode.title }));
    library.reload();
    if (result.alreadyImported) navigate(`/episodes/${encodeURIComponent(result.episode.id)}`);
  };

  const uploadFile = async (file: File) => {
    const audio = isAudioName(file.name) || file.type.startsWith("audio/");
    if (audio ? file.size > AUDIO_UPLOAD_LIMIT_BYTES : file.size > UPLOAD_LIMIT_BYTES) {
      setNotice(null);
      setFailure(
        new Error(
          audio
            ? t("tooLargeAudio", {
                name: file.name,
                size: (file.size / 1024 ** 3).toFixed(1),
                limit: AUDIO_UPLOAD_LIMIT_BYTES / 1024 ** 3,
              })
            : t("tooLarge", {
                name: file.name,
                size: (file.size / 1048576).toFixed(1),
                limit: UPLOAD_LIMIT_BYTES / 1048576,
              }),
        ),
      );
      return;
    }
    setBusy(
      audio
        ? t("uploadingAudio", { name: file.name, size: (file.size / 1048576).toFixed(1) })
        : t("uploading", { name: file.name }),
    );
    setNotice(null);
    try {
      afterImport(await api.upload<ImportResponse>(`/api/episodes/upload?name=${encodeURIComponent(file.name)}`, file));
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="page">
      <h1>{t("title")}</h1>
      <div className="library-actions">
        <DropZone onFile={uploadFile} t={t} busy={busy} />
        <UrlImport onImported={afterImport} onError={setFailure} t={t} />
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={failure} />
      <ErrorMessage error={library.error} />
      <TranscriptionList transcriptions={shownTranscriptions} onChange={reloadJobs} />
      {library.data && library.data.episodes.length === 0 ? <p className="muted">{t("empty")}</p> : null}
      <ul className="episode-list">
        {(library.data?.episodes ?? []).map((e) => {
          const job = (jobs.data?.jobs ?? []).find((j) => j.episodeId === e.id);
          return (
            <li key={e.id} className="card episode-item">
              <div>
                <h2>
                  <Link href={`/episodes/${encodeURIComponent(e.id)}`}>{e.title}</Link>
                </h2>
                <div className="episode-meta">
                  {[e.show, formatDuration(e.durationMs, lang), t("speakers", { n: e.speakers.length }), e.language]
                    .filter(Boolean)
                    .join(" · ")}
                </div>
              </div>
              <div className="episode-stats">
                <span className="badge">{t("pass", { n: e.progress.pass })}</span>{" "}
                {e.progress.analysed
                  ? t("concepts", { verified: e.progress.verifiedCount, total: e.progress.conceptCount })
                  : t("notAnalysed")}
                {e.progress.markCount ? ` · ${t("marks", { n: e.progress.markCount })}` : ""}
              </div>
              {job && (job.state === "queued" || job.state === "running" || job.state === "failed") ? (
                <JobLine job={job} t={t} />
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

type T = ReturnType<typeof useT<keyof (typeof messages)["en"]>>;

/** Audio by its name; the server tells audio by its bytes anyway, this only picks the limit to check. */
function isAudioName(name: string): boolean {
  const ext = /\.([a-z0-9]{2,4})$/i.exec(name)?.[1]?.toLowerCase() ?? "";
  return (AUDIO_UPLOAD_EXTENSIONS as readonly string[]).includes(ext) || ["flac", "webm", "aac", "oga"].includes(ext);
}

function JobLine({ job, t }: { job: JobJson; t: T }) {
  const kind = job.kind === "analysis" ? t("analysis") : job.kind === "transcribe" ? t("transcribe") : job.kind;
  if (job.state === "failed") return <p className="job error">{t("jobFailed", { kind, error: job.error ?? "" })}</p>;
  return (
    <div className="job">
      <span>{t("job", { kind, step: job.step || "…" })}</span>
      <ProgressBar value={job.progress} label={kind} />
    </div>
  );
}

function DropZone({ onFile, t, busy }: { onFile: (f: File) => void; t: T; busy: string | null }) {
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the button inside is the keyboard path
    <div
      className={dragging ? "drop-zone dragging" : "drop-zone"}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      {busy ? (
        <span role="status">{busy}</span>
      ) : (
        <>
          {t("drop")}{" "}
          <button type="button" onClick={() => input.current?.click()}>
            {t("choose")}
          </button>
          <span className="drop-accepts">
            {t("accepts", {
              limit: UPLOAD_LIMIT_BYTES / 1048576,
              types: AUDIO_UPLOAD_EXTENSIONS.map((e) => e.toUpperCase()).join(", "),
              audioLimit: AUDIO_UPLOAD_LIMIT_BYTES / 1024 ** 3,
            })}
          </span>
        </>
      )}
      <input
        ref={input}
        type="file"
        hidden
        data-testid="upload-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = "";
        }}
      />
    </div>
  );
}

function UrlImport({
  onImported,
  onError,
  t,
}: {
  onImported: (r: ImportResponse) => void;
  onError: (e: Error) => void;
  t: T;
}) {
  const [url, setUrl] = useState("");
  const [item, setItem] = useState("");
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = item ? { url: url.trim(), item: Number(item) } : { url: url.trim() };
      onImported(await api.post<ImportResponse>("/api/episodes/import", body));
      setUrl("");
      setItem("");
    } catch (error) {
      onError(error as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card url-import" onSubmit={submit}>
      <label htmlFor="import-url">{t("urlLabel")}</label>
      <div className="row">
        <input
          id="import-url"
          type="url"
          required
          value={url}
          placeholder={t("urlPlaceholder")}
          onChange={(e) => setUrl(e.target.value)}
        />
        <input
          type="number"
          min={1}
          value={item}
          onChange={(e) => setItem(e.target.value)}
          aria-label={t("item")}
          placeholder="#"
          style={{ width: "4.5rem" }}
        />
        <button className="primary" type="submit" disabled={busy || !url.trim()}>
          {busy ? t("importing") : t("import")}
        </button>
      </div>
    </form>
  );
}
