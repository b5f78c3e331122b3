import MindElixir, { type MindElixirInstance, type NodeObj, type Operation, type Topic } from "mind-elixir";
import { en, zh_CN } from "mind-elixir/i18n";
import "mind-elixir/style.css";
import { useEffect, useRef } from "react";
import type { MapTreeJson } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import type { Lang, Translate } from "../../i18n/index.js";
import { decorate, forSaving, linkOf, MOMENT_CLASS } from "./map-links.js";
import type { MapMessageKey } from "./messages.js";

export interface MapEditorProps {
  /** The map to open (read once: the editor is re-created, by a new React key, to open another). */
  tree: MapTreeJson;
  lang: Lang;
  t: Translate<MapMessageKey>;
  /** Every change the learner makes, as the map to save. */
  onChange: (tree: MapTreeJson) => void;
  /** The node now selected (null: none). */
  onSelect: (node: NodeObj | null) => void;
  /** A click on a node's ▶ or ◆ marker. */
  onMarker: (kind: "moment" | "concept", node: NodeObj) => void;
  /** A concept's name by key, for the markers' tooltips. */
  conceptName: (key: string) => string;
  /** Esc on the map: the learner leaves it (the editor keeps Tab for "add a child"). */
  onLeave: () => void;
  /** The editor, for the page's buttons. */
  onReady: (mind: MindElixirInstance | null) => void;
}

/** Operations that do not change the map. */
const NOT_EDITS = new Set<Operation["name"]>(["beginEdit"]);

/** mind-elixir's editable map in a box of the page; its toolbar icons get labels. */
export function MapEditor(props: MapEditorProps) {
  const { tree, lang } = props;
  const box = useRef<HTMLDivElement>(null);
  // The callbacks change on every render; the editor is made once and reads the latest ones.
  const handlers = useRef(props);
  handlers.current = props;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the editor opens `tree` once; a new map is a new key
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const { t: tr } = handlers.current;
    const mind = new MindElixir({
      el,
      direction: MindElixir.SIDE,
      editable: true,
      toolBar: true,
      keypress: true,
      allowUndo: true,
      newTopicName: tr("newNode"),
      contextMenu: { locale: lang === "zh-CN" ? zh_CN : en, focus: true, link: false },
    });
    const data = decorate(tree);
    mind.init(data);

    const changed = () => handlers.current.onChange(forSaving(mind.getData()));
    mind.bus.addListener("operation", (op) => {
      if (!NOT_EDITS.has(op.name)) changed();
    });
    mind.bus.addListener("expandNode", changed);
    mind.bus.addListener("changeDirection", changed);
    mind.bus.addListener("selectNodes", (nodes) => handlers.current.onSelect(nodes.at(-1) ?? null));
    mind.bus.addListener("unselectNodes", () => handlers.current.onSelect(mind.currentNodes.at(-1)?.nodeObj ?? null));
    mind.bus.addListener("linkDiv", () => labelMarkers(el, handlers.current.t, handlers.current.conceptName));
    // Undo and redo replace the whole map without an "operation": they are edits too.
    for (const key of ["undo", "redo"] as const) {
      const original = mind[key];
      if (original) {
        mind[key] = () => {
          original.call(mind);
          changed();
        };
      }
    }

    const onClick = (e: MouseEvent) => {
      const marker = (e.target as HTMLElement).closest<HTMLElement>(".dl-marker");
      const topic = marker?.closest("me-tpc") as Topic | null;
      if (!marker || !topic) return;
      e.stopPropagation();
      handlers.current.onMarker(marker.classList.contains(MOMENT_CLASS) ? "moment" : "concept", topic.nodeObj);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || (e.target as HTMLElement).id === "input-box") return;
      e.stopPropagation();
      handlers.current.onLeave();
    };
    el.addEventListener("click", onClick, true);
    mind.container.addEventListener("keydown", onKey, true);
    mind.container.setAttribute("aria-label", tr("editorLabel"));
    mind.container.setAttribute("role", "application");
    labelToolbar(el, tr);
    labelMarkers(el, tr, handlers.current.conceptName);
    fitView(mind);
    // Keyboard users start on the centre node.
    mind.selectNode(mind.findEle(mind.nodeData.id));
    handlers.current.onReady(mind);
    return () => {
      el.removeEventListener("click", onClick, true);
      handlers.current.onReady(null);
      mind.destroy();
    };
  }, [lang]);

  return <div ref={box} className="map-editor" />;
}

/** Below this zoom the text is too small to read: a larger map opens centred, to be panned. */
const MIN_OPENING_SCALE = 0.6;

/** Opens with the whole map in view when it fits at a readable size. */
function fitView(mind: MindElixirInstance): void {
  mind.scaleFit();
  if (mind.scaleVal < MIN_OPENING_SCALE) {
    mind.scale(MIN_OPENING_SCALE);
    mind.toCenter();
  }
}

/** mind-elixir's toolbar icons are bare spans: give them names, roles and the keyboard. */
function labelToolbar(el: HTMLElement, t: Translate<MapMessageKey>): void {
  const labels: [string, MapMessageKey][] = [
    ["fullscreen", "tbFullscreen"],
    ["toCenter", "tbCenter"],
    ["zoomout", "tbZoomOut"],
    ["zoomin", "tbZoomIn"],
    ["tbltl", "tbLeft"],
    ["tbltr", "tbRight"],
    ["tblts", "tbSide"],
  ];
  for (const [id, key] of labels) {
    const button = el.querySelector<HTMLElement>(`.mind-elixir-toolbar #${id}`);
    if (!button) continue;
    button.setAttribute("role", "button");
    button.setAttribute("tabindex", "0");
    button.setAttribute("aria-label", t(key));
    button.title = t(key);
    button.onkeydown = (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        e.stopPropagation();
        button.click();
      }
    };
  }
}

/** The markers say what a click on them does. */
function labelMarkers(el: HTMLElement, t: Translate<MapMessageKey>, conceptName: (key: string) => string): void {
  for (const marker of el.querySelectorAll<HTMLElement>(".dl-marker")) {
    const node = (marker.closest("me-tpc") as Topic | null)?.nodeObj;
    if (!node) continue;
    const link = linkOf(node);
    marker.title = marker.classList.contains(MOMENT_CLASS)
      ? t("markerMoment", { time: formatTime(link.startMs ?? 0) })
      : t("markerConcept", { name: conceptName(link.conceptKey ?? "") });
  }
}
