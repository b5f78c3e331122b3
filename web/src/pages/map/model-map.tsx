import { useState } from "react";
import type {
  EpisodeEnrichmentResponse,
  MapTreeJson,
  ModelMapResponse,
} from "../../../../src/server/contract/index.js";
import { ApiError, api, useApi } from "../../api/client.js";
import { defineMessages, useT } from "../../i18n/index.js";

const messages = defineMessages({
  en: {
    offer: "The model drew a refined map of this episode ({model}).",
    start: "Start from the model's map",
    loading: "Opening the model's map…",
    confirm:
      "Replace your map with the model's map? Your own nodes and links will be gone. The model's map is written by the model, not checked.",
    confirmYes: "Replace with the model's map",
    cancel: "Cancel",
    failed: "The model's map could not be opened: {error}",
  },
  "zh-CN": {
    offer: "模型为这一集画了一张完善后的思维导图（{model}）。",
    start: "从模型的导图开始",
    loading: "正在打开模型的导图…",
    confirm: "用模型的导图替换你的导图吗？你自己添加的节点和关联都会消失。模型的导图由模型撰写，未经核对。",
    confirmYes: "替换为模型的导图",
    cancel: "取消",
    failed: "无法打开模型的导图：{error}",
  },
});

/**
 * On the map page, when enrichment drew a refined map: "start from the model's map", with the
 * same confirmation as starting again from the draft. The learner's map stays as it is until they
 * confirm; then the model's map opens in the editor and is saved like any edit.
 */
export function ModelMap({ episodeId, onStart }: { episodeId: string; onStart: (tree: MapTreeJson) => void }) {
  const t = useT(messages);
  const base = `/api/episodes/${encodeURIComponent(episodeId)}/enrichment`;
  const { data } = useApi<EpisodeEnrichmentResponse>(base);
  const [pending, setPending] = useState<ModelMapResponse | "loading" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const record = data?.record;
  if (!record?.hasMindMap) return null;

  const ask = async () => {
    setError(null);
    setPending("loading");
    try {
      setPending(await api.get<ModelMapResponse>(`${base}/map`));
    } catch (e) {
      setPending(null);
      setError(t("failed", { error: e instanceof ApiError || e instanceof Error ? e.message : String(e) }));
    }
  };

  return (
    <div className="model-map" data-model-written="true" style={{ margin: "0.5rem 0" }}>
      <p className="muted model-label" style={{ display: "inline", marginRight: "0.5rem" }}>
        {t("offer", { model: `${record.provider} · ${record.model}` })}
      </p>
      <button
        type="button"
        onClick={() => void ask()}
        aria-expanded={pending !== null}
        disabled={pending === "loading"}
      >
        {pending === "loading" ? t("loading") : t("start")}
      </button>
      {pending && pending !== "loading" ? (
        <div
          className="notice map-confirm"
          role="alertdialog"
          aria-labelledby="model-map-confirm-text"
          style={{ marginTop: "0.5rem" }}
        >
          <p id="model-map-confirm-text">{t("confirm")}</p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              onStart(pending.tree);
              setPending(null);
            }}
          >
            {t("confirmYes")}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t("cancel")}
          </button>
        </div>
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
