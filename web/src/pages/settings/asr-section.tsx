import { type FormEvent, useEffect, useRef, useState } from "react";
import type {
  AsrProblemJson,
  AsrSettingsBody,
  AsrSettingsResponse,
  AsrTestResponse,
} from "../../../../src/server/contract/index.js";
import { type ApiError, api, useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { useLang, useT } from "../../i18n/index.js";
import { ASR_PROVIDER_NOTES_ZH, asrMessages } from "./messages.js";
import { SettingsStatus, type SettingsStatusValue } from "./settings-status.js";

/** Other pages link here (a transcription that failed for want of a recogniser). */
export const ASR_SECTION_ID = "speech-recognition";

interface Form {
  provider: string;
  model: string;
  baseUrl: string;
  modelDir: string;
  /** Typed by the learner; never filled from the server (the server never sends a key). */
  apiKey: string;
  removeKey: boolean;
  parallel: string;
  chunkSeconds: string;
}

const EMPTY: Form = {
  provider: "",
  model: "",
  baseUrl: "",
  modelDir: "",
  apiKey: "",
  removeKey: false,
  parallel: "",
  chunkSeconds: "",
};

type Key = keyof (typeof asrMessages)["en"];

const PROBLEM_TEXT: Record<AsrProblemJson, Key> = {
  "not-configured": "problemNotConfigured",
  unreachable: "problemUnreachable",
  timeout: "problemTimeout",
  "bad-key": "problemBadKey",
  "unknown-model": "problemUnknownModel",
  "no-endpoint": "problemNoEndpoint",
  "bad-answer": "problemBadAnswer",
  "no-model-folder": "problemNoModelFolder",
  other: "problemOther",
};

/**
 * The speech recogniser section of `/settings` (`#speech-recognition`): a transcription server or
 * a local sherpa-onnx model folder, the fields each needs, a write-only key, and a test that sends
 * a spoken sentence and shows what was heard. Environment variables that override the form are named.
 */
export function AsrSection() {
  const t = useT(asrMessages);
  const { lang } = useLang();
  const { data, error, setData } = useApi<AsrSettingsResponse>("/api/settings/asr");
  const [form, setForm] = useState<Form>(EMPTY);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<"save" | "test" | "forget" | null>(null);
  const [status, setStatus] = useState<SettingsStatusValue | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const sectionRef = useRef<HTMLElement>(null);
  const scrolled = useRef(false);

  // The form starts from what is saved (or in effect), once, and after each save.
  useEffect(() => {
    if (!data || dirty) return;
    const saved = data.saved;
    const current = data.current;
    if (saved) {
      setForm({
        ...EMPTY,
        provider: saved.provider,
        model: saved.model ?? "",
        baseUrl: saved.baseUrl ?? "",
        modelDir: saved.modelDir ?? "",
        parallel: saved.parallel === null ? "" : String(saved.parallel),
        chunkSeconds: saved.chunkSeconds === null ? "" : String(saved.chunkSeconds),
      });
    } else if (current) {
      setForm({ ...EMPTY, provider: current.provider, model: current.model, modelDir: current.modelDir ?? "" });
    } else {
      setForm(EMPTY);
    }
  }, [data, dirty]);
  // The section loads after the page: a link to /settings#speech-recognition scrolls once it is there.
  useEffect(() => {
    if (!data || scrolled.current) return;
    scrolled.current = true;
    if (window.location.hash === `#${ASR_SECTION_ID}`) sectionRef.current?.scrollIntoView({ block: "start" });
  }, [data]);

  const heading = (
    <h2 id="asr-title">
      <a className="settings-anchor" href={`#${ASR_SECTION_ID}`}>
        {t("title")}
      </a>
    </h2>
  );
  if (!data) {
    return (
      <section className="card settings-card" id={ASR_SECTION_ID} ref={sectionRef} aria-labelledby="asr-title">
        {heading}
        {error ? <ErrorMessage error={error} /> : <p className="loading">{t("loading")}</p>}
      </section>
    );
  }

  const provider = data.providers.find((p) => p.id === form.provider);
  const local = provider?.kind === "sherpa-onnx";
  const update = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
    setStatus(null);
  };
  const savedKey = data.saved && data.saved.provider === form.provider ? data.saved.apiKey : null;
  const labelOf = (id: string | null) => data.providers.find((p) => p.id === id)?.label ?? id ?? "";
  const number = (text: string) => (text.trim() === "" ? null : Number(text));
  // The server's defaults (src/asr/config.ts), shown as hints only.
  const defaults = local ? { parallel: 1, chunkSeconds: 20 } : { parallel: 2, chunkSeconds: 120 };

  const save = async (): Promise<boolean> => {
    setFailure(null);
    const body: AsrSettingsBody = {
      provider: form.provider,
      model: form.model.trim() || null,
      baseUrl: local ? null : form.baseUrl.trim() || null,
      modelDir: local ? form.modelDir.trim() || null : null,
      parallel: number(form.parallel),
      chunkSeconds: number(form.chunkSeconds),
      ...(local ? {} : form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : form.removeKey ? { apiKey: null } : {}),
    };
    try {
      setData(await api.put<AsrSettingsResponse>("/api/settings/asr", body));
      setDirty(false);
      return true;
    } catch (e) {
      setFailure(e as ApiError);
      return false;
    }
  };
  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    setBusy("save");
    if (await save()) setStatus({ kind: "ok", text: t("saved") });
    setBusy(null);
  };
  const onTest = async () => {
    setBusy("test");
    setStatus(null);
    try {
      if (dirty && !(await save())) return;
      const result = await api.post<AsrTestResponse>("/api/settings/asr/test");
      if (result.ok) {
        const values = { label: labelOf(result.provider), model: result.model || "auto", ms: result.ms };
        const text =
          result.sample === "silence"
            ? t("testSilence", values)
            : result.heard.trim()
              ? t("testHeard", { ...values, heard: result.heard.trim() })
              : t("testHeardNothing", values);
        setStatus({ kind: "ok", text });
      } else {
        setStatus({ kind: "bad", text: t(PROBLEM_TEXT[result.problem] ?? "problemOther"), detail: result.message });
      }
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(null);
    }
  };
  const onForget = async () => {
    setBusy("forget");
    setFailure(null);
    try {
      setData(await api.del<AsrSettingsResponse>("/api/settings/asr"));
      setDirty(false);
      setStatus({ kind: "ok", text: t("forgotten") });
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(null);
    }
  };

  const current = data.current;
  const fromEnv = current && (current.sources.provider === "env" || current.sources.model === "env");
  const envNames = [
    data.env.provider,
    data.env.baseUrl,
    data.env.model,
    data.env.apiKey,
    data.env.modelDir,
    data.env.parallel,
    data.env.chunkSeconds,
  ];
  // With nothing configured the server's problem is the long "what to configure" help; the page says it shorter.
  const configured = current !== null || data.saved !== null || data.envSet.length > 0;
  const canSubmit = busy === null && !!form.provider && (!local || !!form.modelDir.trim());

  return (
    <section className="card settings-card" id={ASR_SECTION_ID} ref={sectionRef} aria-labelledby="asr-title">
      {heading}
      <p className="muted">{t("intro")}</p>
      <p className="settings-effect" data-testid="asr-in-effect">
        {current ? (
          <>
            {current.kind === "sherpa-onnx"
              ? t("inEffectLocal", { label: current.label, modelDir: current.modelDir ?? "" })
              : t("inEffect", { label: current.label, model: current.model, baseUrl: current.baseUrl ?? "" })}
            {current.apiKey ? ` · ${t("inEffectKey", { key: current.apiKey })}` : ""}
            {fromEnv ? <span className="muted"> ({t("fromEnv")})</span> : null}
          </>
        ) : (
          t("none")
        )}
      </p>
      {data.problem && configured ? (
        <p className="error" role="alert">
          {data.problem}
        </p>
      ) : null}
      <form className="settings-form" onSubmit={onSave}>
        <label htmlFor="asr-provider">{t("provider")}</label>
        <div>
          <select
            id="asr-provider"
            value={form.provider}
            onChange={(e) => update({ provider: e.target.value, model: "", apiKey: "", removeKey: false })}
            required
          >
            <option value="" disabled>
              {t("chooseProvider")}
            </option>
            {data.providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {provider ? (
            <p className="hint muted">
              {t("providerNote", {
                note: (lang === "zh-CN" ? ASR_PROVIDER_NOTES_ZH[provider.id] : undefined) ?? provider.note,
              })}
            </p>
          ) : null}
        </div>

        {provider && !local ? (
          <>
            <label htmlFor="asr-base-url">{t("baseUrl")}</label>
            <div>
              <input
                id="asr-base-url"
                type="url"
                value={form.baseUrl}
                onChange={(e) => update({ baseUrl: e.target.value })}
                placeholder={provider.defaultBaseUrl ?? "http://127.0.0.1:8000/v1"}
                required={!provider.defaultBaseUrl}
                autoComplete="off"
              />
              <p className="hint muted">
                {provider.defaultBaseUrl ? t("baseUrlHint", { url: provider.defaultBaseUrl }) : t("baseUrlNeeded")}
              </p>
            </div>
          </>
        ) : null}

        {local ? (
          <>
            <label htmlFor="asr-model-dir">{t("modelDir")}</label>
            <div>
              <input
                id="asr-model-dir"
                type="text"
                value={form.modelDir}
                onChange={(e) => update({ modelDir: e.target.value })}
                placeholder="/home/me/models/sherpa-onnx-whisper-small"
                required
                autoComplete="off"
                spellCheck={false}
              />
              <p className="hint muted">{t("modelDirHint")}</p>
            </div>
          </>
        ) : null}

        {provider ? (
          <>
            <label htmlFor="asr-model">{local ? t("family") : t("model")}</label>
            <div>
              <input
                id="asr-model"
                type="text"
                list="asr-models"
                value={form.model}
                onChange={(e) => update({ model: e.target.value })}
                placeholder={local ? "" : (provider.suggestedModels[0] ?? "")}
                autoComplete="off"
              />
              <datalist id="asr-models">
                {provider.suggestedModels.map((m) => (
                  <option key={m} value={m} />
                ))}
              </datalist>
              <p className="hint muted">
                {local ? t("familyHint") : t("modelHint", { models: provider.suggestedModels.join(", ") })}
              </p>
            </div>
          </>
        ) : null}

        {provider && !local ? (
          <>
            <label htmlFor="asr-api-key">{t("apiKey")}</label>
            <div>
              <input
                id="asr-api-key"
                type="password"
                value={form.apiKey}
                onChange={(e) => update({ apiKey: e.target.value, removeKey: false })}
                required={provider.needsKey && !savedKey}
                autoComplete="new-password"
                spellCheck={false}
              />
              <p className="hint muted">
                {provider.needsKey ? t("keyNeeded") : t("keyOptional")}{" "}
                {savedKey ? t("keySaved", { key: savedKey }) : t("keyNone")} {t("keyWriteOnly")}
              </p>
              {savedKey ? (
                <label className="settings-check">
                  <input
                    type="checkbox"
                    checked={form.removeKey}
                    onChange={(e) => update({ removeKey: e.target.checked, apiKey: "" })}
                  />{" "}
                  {t("removeKey")}
                </label>
              ) : null}
            </div>
          </>
        ) : null}

        {provider ? (
          <>
            <label htmlFor="asr-parallel">{t("parallel")}</label>
            <div>
              <input
                id="asr-parallel"
                type="number"
                min={1}
                max={16}
                step={1}
                value={form.parallel}
                onChange={(e) => update({ parallel: e.target.value })}
                placeholder={String(defaults.parallel)}
              />
              <p className="hint muted">{t("parallelHint", { n: defaults.parallel })}</p>
            </div>
            <label htmlFor="asr-chunk-seconds">{t("chunkSeconds")}</label>
            <div>
              <input
                id="asr-chunk-seconds"
                type="number"
                min={5}
                max={1200}
                step={1}
                value={form.chunkSeconds}
                onChange={(e) => update({ chunkSeconds: e.target.value })}
                placeholder={String(defaults.chunkSeconds)}
              />
              <p className="hint muted">{t("chunkSecondsHint", { n: defaults.chunkSeconds })}</p>
            </div>
          </>
        ) : null}

        <div className="settings-actions">
          <button type="submit" className="primary" disabled={!canSubmit}>
            {busy === "save" ? t("saving") : t("save")}
          </button>
          <button type="button" onClick={() => void onTest()} disabled={!canSubmit}>
            {busy === "test" ? t("testing") : t("test")}
          </button>
          {data.saved ? (
            <button type="button" className="settings-offline" onClick={() => void onForget()} disabled={busy !== null}>
              {t("forget")}
            </button>
          ) : null}
        </div>
      </form>
      <SettingsStatus status={status} testId="asr-status" />
      <ErrorMessage error={failure} />
      <div className="settings-env">
        <h3>{t("envTitle")}</h3>
        <p>{t("envIntro", { names: envNames.join(", ") })}</p>
        <p className="muted">{data.envSet.length ? t("envSet", { names: data.envSet.join(", ") }) : t("envNoneSet")}</p>
      </div>
    </section>
  );
}
