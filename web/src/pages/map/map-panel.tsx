import type { MindElixirInstance, NodeObj } from "mind-elixir";
import { type RefObject, useEffect, useId, useState } from "react";
import type { MapConceptJson, MapNodeLinkJson, SegmentJson } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import type { Translate } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { linkOf, tagsWithMarkers, withLink } from "./map-links.js";
import type { MapMessageKey } from "./messages.js";

interface NodePanelProps {
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** The selected node (the editor's live object), or null. */
  node: NodeObj | null;
  mind: RefObject<MindElixirInstance | null>;
  concepts: MapConceptJson[];
  segments: SegmentJson[];
  t: Translate<MapMessageKey>;
  onJump: (kind: "moment" | "concept", node: NodeObj) => void;
}

/**
 * The side panel of the selected node: what it links to, with a way to go there, and the controls
 * to link it to a concept of the episode or to the moment the player is at.
 */
export function NodePanel({ headingRef, node, mind, concepts, segments, t, onJump }: NodePanelProps) {
  const player = usePlayer();
  const selectId = useId();
  const link = node ? linkOf(node) : {};
  const [choice, setChoice] = useState(link.conceptKey ?? "");
  // A newly selected node starts with its own concept chosen.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on a change of node only
  useEffect(() => setChoice(link.conceptKey ?? ""), [node?.id]);

  const relink = (update: (old: MapNodeLinkJson) => MapNodeLinkJson) => {
    const m = mind.current;
    if (!m || !node) return;
    const metadata = withLink(node, update(linkOf(node)));
    // reshapeNode re-draws the node with its markers and reports the change (saved, undoable).
    void m.reshapeNode(m.findEle(node.id), { metadata, tags: tagsWithMarkers(node, metadata) });
  };

  const segmentAt = (ms: number): number | undefined => {
    let found: SegmentJson | undefined;
    for (const s of segments) {
      if (s.startMs > ms) break;
      found = s;
    }
    return found?.id;
  };

  const concept = link.conceptKey ? concepts.find((c) => c.key === link.conceptKey) : undefined;
  return (
    <aside className="map-panel card" aria-labelledby="map-panel-heading">
      <h3 id="map-panel-heading" ref={headingRef} tabIndex={-1}>
        {t("panel")}
      </h3>
      {!node ? (
        <p className="muted">{t("nothingSelected")}</p>
      ) : (
        <>
          <p className="map-panel-topic">{node.parent ? node.topic : `${node.topic} · ${t("rootNode")}`}</p>
          <dl className="map-panel-links">
            <dt>{t("linkedConcept")}</dt>
            <dd>
              {link.conceptKey ? (
                concept ? (
                  <>
                    <span>{concept.name}</span>{" "}
                    <button type="button" className="link-button" onClick={() => onJump("concept", node)}>
                      {t("openConcept")}
                    </button>
                  </>
                ) : (
                  <span className="muted">{t("unknownConcept")}</span>
                )
              ) : (
                <span className="muted">{t("none")}</span>
              )}
            </dd>
            <dt>{t("linkedMoment")}</dt>
            <dd>
              {link.startMs !== undefined ? (
                <button type="button" className="time-link" onClick={() => onJump("moment", node)}>
                  ▶ {t("play", { time: formatTime(link.startMs) })}
                </button>
              ) : (
                <span className="muted">{t("none")}</span>
              )}
            </dd>
          </dl>
          {concepts.length > 0 ? (
            <div className="map-panel-row">
              <label htmlFor={selectId}>{t("chooseConcept")}</label>
              <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)}>
                <option value="">{t("pickConcept")}</option>
                {concepts.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.name}
                  </option>
                ))}
              </select>
              <button
                type="button"
                disabled={!choice || choice === link.conceptKey}
                onClick={() => relink((old) => ({ ...old, conceptKey: choice }))}
              >
                {t("linkConcept")}
              </button>
            </div>
          ) : (
            <p className="muted">{t("noConcepts")}</p>
          )}
          {link.conceptKey ? (
            <button type="button" onClick={() => relink((old) => ({ ...old, conceptKey: undefined }))}>
              {t("unlinkConcept")}
            </button>
          ) : null}
          <div className="map-panel-row">
            <button
              type="button"
              onClick={() => {
                const ms = Math.round(player.currentMs);
                relink((old) => ({ ...old, startMs: ms, segmentId: segmentAt(ms) }));
              }}
            >
              {t("linkMoment", { time: formatTime(player.currentMs) })}
            </button>
            {link.startMs !== undefined ? (
              <button
                type="button"
                onClick={() => relink((old) => ({ ...old, startMs: undefined, segmentId: undefined }))}
              >
                {t("unlinkMoment")}
              </button>
            ) : null}
          </div>
        </>
      )}
    </aside>
  );
}
