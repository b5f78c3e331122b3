import { type FormEvent, useEffect, useState } from "react";
import type { LlmSettingsBody, LlmSettingsResponse, LlmTestResponse } from "../../../../src/server/contract/index.js";
import { type ApiError, api, useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { useLang, useT } from "../../i18n/index.js";
import { AsrSection } from "./asr-section.js";
import { PROVIDER_NOTES_ZH, settingsMessages } from "./messages.js";
import { SettingsStatus, type SettingsStatusValue } from "./settings-status.js";
import "./settings.css";

interface Form {
  provider: string;
  model: string;
  baseUrl: string;
  /** Typed by the learner; never filled from the server (the server never sends a key). */
  apiKey: string;
  removeKey: boolean;
}

/** The connection test's problem, as the page's own sentence (the server's detail follows it). */
const LLM_PROBLEM_TEXT: Record<
  Extract<LlmTestResponse, { ok: false }>["problem"],
  keyof (typeof settingsMessages)["en"]
> = {
  "not-configured": "problemNotConfigured",
  unreachable: "problemUnreachable",
  timeout: "problemTimeout",
  "bad-key": "problemBadKey",
  "unknown-model": "problemUnknownModel",
  other: "problemOther",
};

const EMPTY: Form = { provider: "", model: "", baseUrl: "", apiKey: "", removeKey: false };

/**
 * `/settings`: which model the tutor uses. The provider list comes from the server's registry;
 * the key field is write-only; "Test connection" says exactly what is wrong. Environment
 * variables that override the form are named.
 */
export default function SettingsPage() {
  const t = useT(settingsMessages);
  const { lang } = useLang();
  const { data, error, setData } = useApi<LlmSettingsResponse>("/api/settings/llm");
  const [form, setForm] = useState<Form>(EMPTY);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<"save" | "test" | "offline" | null>(null);
  const [status, setStatus] = useState<SettingsStatusValue | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  useEffect(() => {
    document.title = `${t("title")} · deeplisten`;
  }, [t]);
  // The form starts from what is saved (or in effect), once, and after each save.
  useEffect(() => {
    if (!data || dirty) return;
    const from = data.saved ?? (data.current ? { ...data.current, baseUrl: null } : null);
    setForm(from ? { ...EMPTY, provider: from.provider, model: from.model, baseUrl: from.baseUrl ?? "" } : EMPTY);
  }, [data, dirty]);

  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <p className="loading">{t("loading")}</p>;
  const provider = data.providers.find((p) => p.id === form.provider);
  const update = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
    setStatus(null);
  };
  const savedKey = data.saved && data.saved.provider === form.provider ? data.saved.apiKey : null;

  const save = async (): Promise<boolean> => {
    setFailure(null);
    const body: LlmSettingsBody = {
      provider: form.provider,
      model: form.model.trim(),
      baseUrl: form.baseUrl.trim() || null,
      ...(form.apiKey.trim() ? { apiKey: form.apiKey.trim() } : form.removeKey ? { apiKey: null } : {}),
    };
    try {
      const next = await api.put<LlmSettingsResponse>("/api/settings/llm", body);
      setData(next);
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
      const result = await api.post<LlmTestResponse>("/api/settings/llm/test");
      setStatus(
        result.ok
          ? { kind: "ok", text: t("testOk", { provider: result.provider, model: result.model, ms: result.ms }) }
          : // What went wrong in the learner's language, then the server's sentence naming what to fix.
            { kind: "bad", text: t(LLM_PROBLEM_TEXT[result.problem]), detail: result.message },
      );
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(null);
    }
  };
  const onOffline = async () => {
    setBusy("offline");
    try {
      setData(await api.del<LlmSettingsResponse>("/api/settings/llm"));
      setDirty(false);
      setStatus({ kind: "ok", text: t("offlineDone") });
    } catch (e) {
      setFailure(e as ApiError);
    } finally {
      setBusy(null);
    }
  };
  const sourceText = (source: string | undefined) =>
    source === "env" ? t("sourceEnv") : source === "file" ? t("sourceFile") : t("sourceDefault");

  return (
    <section className="page settings-page" aria-labelledby="settings-title">
      <h1 id="settings-title">{t("title")}</h1>
      <section className="card settings-card" aria-labelledby="model-title">
        <h2 id="model-title">{t("modelTitle")}</h2>
        <p className="muted">{t("intro")}</p>
        <p className="settings-effect" data-testid="in-effect">
          {data.current ? (
            <>
              {t("inEffect", { label: data.current.label, model: data.current.model, baseUrl: data.current.baseUrl })}
              {data.current.apiKey ? ` · ${t("inEffectKey", { key: data.current.apiKey })}` : ""}
              {data.current.sources.model === "env" || data.current.sources.provider === "env" ? (
                <span className="muted"> ({sourceText("env")})</span>
              ) : null}
            </>
          ) : (
            t("offlineNow")
          )}
        </p>
        {data.problem ? (
          <p className="error" role="alert">
            {data.problem}
          </p>
        ) : null}
        <form className="settings-form" onSubmit={onSave}>
          <label htmlFor="llm-provider">{t("provider")}</label>
          <div>
            <select
              id="llm-provider"
              value={form.provider}
              onChange={(e) => update({ provider: e.target.value, apiKey: "", removeKey: false })}
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
                  note: (lang === "zh-CN" ? PROVIDER_NOTES_ZH[provider.id] : undefined) ?? provider.note,
                })}
              </p>
            ) : null}
          </div>

          <label htmlFor="llm-model">{t("model")}</label>
          <div>
            <input
              id="llm-model"
              type="text"
              list="llm-models"
              value={form.model}
              onChange={(e) => update({ model: e.target.value })}
              placeholder={provider?.suggestedModels[0] ?? ""}
              required
              autoComplete="off"
            />
            <datalist id="llm-models">
              {provider?.suggestedModels.map((m) => (
                <option key={m} value={m} />
              ))}
            </datalist>
            {provider ? (
              <p className="hint muted">{t("modelHint", { models: provider.suggestedModels.join(", ") })}</p>
            ) : null}
          </div>

          <label htmlFor="llm-base-url">{t("baseUrl")}</label>
          <div>
            <input
              id="llm-base-url"
              type="url"
              value={form.baseUrl}
              onChange={(e) => update({ baseUrl: e.target.value })}
              placeholder={provider?.defaultBaseUrl ?? ""}
              autoComplete="off"
            />
            {provider ? <p className="hint muted">{t("baseUrlHint", { url: provider.defaultBaseUrl })}</p> : null}
          </div>

          <label htmlFor="llm-api-key">{t("apiKey")}</label>
          <div>
            <input
              id="llm-api-key"
              type="password"
              value={form.apiKey}
              onChange={(e) => update({ apiKey: e.target.value, removeKey: false })}
              autoComplete="new-password"
              spellCheck={false}
            />
            <p className="hint muted">
              {provider ? `${provider.needsKey ? t("keyNeeded") : t("keyOptional")} ` : ""}
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

          <div className="settings-actions">
            <button type="submit" className="primary" disabled={busy !== null || !form.provider || !form.model.trim()}>
              {busy === "save" ? t("saving") : t("save")}
            </button>
            <button
              type="button"
              onClick={() => void onTest()}
              disabled={busy !== null || !form.provider || !form.model.trim()}
            >
              {busy === "test" ? t("testing") : t("test")}
            </button>
            {data.saved ? (
              <button
                type="button"
                className="settings-offline"
                onClick={() => void onOffline()}
                disabled={busy !== null}
              >
                {t("useOffline")}
              </button>
            ) : null}
          </div>
        </form>
        <SettingsStatus status={status} testId="settings-status" />
        <ErrorMessage error={failure} />
      </section>

      <section className="card settings-card" aria-labelledby="env-title">
        <h2 id="env-title">{t("envTitle")}</h2>
        <p>
          {t("envIntro", {
            names: [data.env.provider, data.env.model, data.env.baseUrl, data.env.apiKey].join(", "),
          })}
        </p>
        <p className="muted">{data.envSet.length ? t("envSet", { names: data.envSet.join(", ") }) : t("envNoneSet")}</p>
      </section>

      <AsrSection />
    </section>
  );
}
