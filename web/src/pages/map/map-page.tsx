import type { MindElixirInstance, NodeObj } from "mind-elixir";
import { useCallback, useEffect, useReducer, useRef, useState } from "react";
import { useLocation } from "wouter";
import type { MapResponse, MapTreeJson } from "../../../../src/server/contract/index.js";
import { ApiError, api } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { useLang, useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { useEpisode } from "../episode/episode-context.js";
import { MapEditor } from "./map-editor.js";
import { downloadBlob, mapFileName, mapImage } from "./map-export.js";
import { NodePanel } from "./map-panel.js";
import { clearLocalCopy, readLocalCopy, type SaveStatus, useMapSaver } from "./map-saver.js";
import { StatusLine } from "./map-status.js";
import { mapMessages } from "./messages.js";
import { ModelMap } from "./model-map.js";
import "./map-page.css";

interface Opened {
  response: MapResponse;
  /** Bumped to open another map in a new editor (a reload, a fresh start from the draft). */
  generation: number;
}

/**
 * `/episodes/<id>/map`: the learner's own mind map, edited with mind-elixir. It opens the saved
 * map, or this browser's unsaved copy of it, or the analysis' draft; it saves as the learner edits.
 */
export default function MapPage() {
  const { episode } = useEpisode();
  const t = useT(mapMessages);
  const { lang } = useLang();
  const player = usePlayer();
  const [, navigate] = useLocation();
  const saver = useMapSaver(episode.id);
  const path = `/api/episodes/${encodeURIComponent(episode.id)}/map`;

  const [opened, setOpened] = useState<Opened | null>(null);
  const [loadError, setLoadError] = useState<ApiError | null>(null);
  const [restored, setRestored] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [selected, setSelected] = useState<NodeObj | null>(null);
  // The selected node is the editor's live object: a change re-renders the panel.
  const [, refresh] = useReducer((n: number) => n + 1, 0);
  const mind = useRef<MindElixirInstance | null>(null);
  /** The map as last edited: what a new editor opens after a language switch. */
  const latest = useRef<MapTreeJson | null>(null);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const { reset, change } = saver;

  const open = useCallback(
    async (discardLocal: boolean) => {
      try {
        const response = await api.get<MapResponse>(path);
        const revision = response.map?.revision ?? 0;
        const serverTree = response.map?.tree ?? response.draft;
        if (discardLocal) clearLocalCopy(episode.id);
        const local = readLocalCopy(episode.id);
        let tree = serverTree;
        let status: SaveStatus = { state: response.map ? "saved" : "draft" };
        if (local && JSON.stringify(local.tree) === JSON.stringify(serverTree)) clearLocalCopy(episode.id);
        else if (local) {
          // Edits this browser never got saved: the learner's latest work, so it opens.
          tree = local.tree;
          status = local.baseRevision === revision ? { state: "restored" } : { state: "stale" };
        }
        // A conflicting copy keeps the revision it was based on, so it can never pass for a newer one.
        reset(status.state === "stale" && local ? local.baseRevision : revision, status);
        if (status.state === "restored") change(tree);
        setRestored(status.state === "restored");
        latest.current = tree;
        setSelected(null);
        setConfirming(false);
        setLoadError(null);
        setOpened((old) => ({ response, generation: (old?.generation ?? 0) + 1 }));
      } catch (error) {
        setLoadError(error instanceof ApiError ? error : new ApiError(String(error), 0));
      }
    },
    [change, episode.id, path, reset],
  );

  useEffect(() => {
    void open(false);
  }, [open]);

  const onChange = useCallback(
    (tree: MapTreeJson) => {
      latest.current = tree;
      change(tree);
      refresh();
    },
    [change],
  );

  /** Opens another map (the draft, the model's map) in a new editor, saved as the learner's. */
  const startFrom = (tree: MapTreeJson) => {
    if (!opened) return;
    latest.current = tree;
    change(tree);
    setSelected(null);
    setConfirming(false);
    setRestored(false);
    setOpened({ ...opened, generation: opened.generation + 1 });
  };
  const startAgain = () => {
    if (opened) startFrom(opened.response.draft);
  };

  const concepts = opened?.response.concepts ?? [];
  const conceptName = useCallback((key: string) => concepts.find((c) => c.key === key)?.name ?? key, [concepts]);

  const jump = useCallback(
    (kind: "moment" | "concept", node: NodeObj) => {
      const link = (node.metadata as { deeplisten?: { startMs?: number; conceptKey?: string } } | undefined)
        ?.deeplisten;
      if (kind === "moment" && link?.startMs !== undefined) player.seek(link.startMs, true);
      const concept = concepts.find((c) => c.key === link?.conceptKey);
      if (kind === "concept" && concept) navigate(`/concepts/${concept.id}`);
    },
    [concepts, navigate, player],
  );

  const exportAs = async (format: "png" | "svg") => {
    if (!mind.current) return;
    setExportError(null);
    try {
      downloadBlob(await mapImage(mind.current, format), mapFileName(episode.title, format));
    } catch (error) {
      setExportError(t("exportFailed", { detail: error instanceof Error ? error.message : String(error) }));
    }
  };

  /**
   * Runs an editor command on the selected node (the centre when none is). Commands that open the
   * node's text for typing keep the focus there; the others hand it back to the map.
   */
  const command =
    (run: (m: MindElixirInstance) => void, typing = true) =>
    () => {
      const m = mind.current;
      if (!m) return;
      if (!m.currentNode) m.selectNode(m.findEle(m.nodeData.id));
      run(m);
      if (!typing) m.container.focus();
    };
  const isRoot = !selected?.parent;

  if (loadError && !opened) return <ErrorMessage error={loadError} />;
  if (!opened || !latest.current) return <p className="loading">{t("loading")}</p>;

  return (
    <section className="page map-page" aria-labelledby="map-heading">
      <div className="map-head">
        <h2 id="map-heading">{t("heading")}</h2>
        <StatusLine
          status={saver.status}
          t={t}
          onReloadTheirs={() => void open(true)}
          onKeepMine={() => void saver.keepMine()}
        />
      </div>
      <p className="muted map-intro">{opened.response.analysed ? t("intro") : t("introNoDraft")}</p>
      {restored ? <p className="notice">{t("statusRestored")}</p> : null}
      <div className="map-tools" role="toolbar" aria-label={t("tools")}>
        <button type="button" onClick={command((m) => void m.addChild())}>
          {t("addChild")} <kbd>Tab</kbd>
        </button>
        <button type="button" disabled={isRoot} onClick={command((m) => void m.insertSibling("after"))}>
          {t("addSibling")} <kbd>Enter</kbd>
        </button>
        <button type="button" onClick={command((m) => void m.beginEdit())}>
          {t("rename")} <kbd>F2</kbd>
        </button>
        <button type="button" disabled={isRoot} onClick={command((m) => void m.removeNodes(m.currentNodes), false)}>
          {t("remove")} <kbd>Delete</kbd>
        </button>
        <span className="map-tools-gap" />
        <button type="button" onClick={() => void exportAs("png")}>
          {t("exportPng")}
        </button>
        <button type="button" onClick={() => void exportAs("svg")}>
          {t("exportSvg")}
        </button>
        {opened.response.analysed ? (
          <button type="button" onClick={() => setConfirming(true)} aria-expanded={confirming}>
            {t("startAgain")}
          </button>
        ) : null}
      </div>
      {confirming ? (
        <div className="notice map-confirm" role="alertdialog" aria-labelledby="map-confirm-text">
          <p id="map-confirm-text">{t("confirmStartAgain")}</p>
          <button type="button" className="primary" onClick={startAgain}>
            {t("confirmYes")}
          </button>
          <button type="button" onClick={() => setConfirming(false)}>
            {t("cancel")}
          </button>
        </div>
      ) : null}
      <ModelMap episodeId={episode.id} onStart={startFrom} />
      {exportError ? (
        <p className="error" role="alert">
          {exportError}
        </p>
      ) : null}
      <div className="map-body">
        <MapEditor
          key={opened.generation}
          tree={latest.current}
          lang={lang}
          t={t}
          conceptName={conceptName}
          onChange={onChange}
          onSelect={setSelected}
          onMarker={jump}
          onLeave={() => panelHeading.current?.focus()}
          onReady={(m) => {
            mind.current = m;
          }}
        />
        <NodePanel
          headingRef={panelHeading}
          node={selected}
          mind={mind}
          concepts={concepts}
          segments={episode.segments}
          t={t}
          onJump={jump}
        />
      </div>
      <p className="muted map-keys">{t("keysHelp")}</p>
    </section>
  );
}
