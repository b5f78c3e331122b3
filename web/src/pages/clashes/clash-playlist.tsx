import { useCallback, useEffect, useMemo, useState } from "react";
import type { ClashJson, SegmentJson } from "../../../../src/server/contract/index.js";
import { ErrorMessage } from "../../components/error-message.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { clashMessages } from "./messages.js";

interface ClashPlaylistProps {
  clashes: ClashJson[];
  segments: SegmentJson[];
  /** Makes a stance-table row from a clash. */
  onAdd: (clash: ClashJson) => Promise<void>;
  /** Moves the focus to a clash's row in the table. */
  onShowRow: (topicId: number) => void;
}

/**
 * The clash moments to re-listen to, in the episode's order. A click plays one in the shared
 * player; "play all" goes on to the next clash when the current one's end is reached. The clash
 * under the playhead is highlighted.
 */
export function ClashPlaylist({ clashes, segments, onAdd, onShowRow }: ClashPlaylistProps) {
  const t = useT(clashMessages);
  const player = usePlayer();
  const [current, setCurrent] = useState<number | null>(null);
  const [playAll, setPlayAll] = useState(false);
  const [adding, setAdding] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const { currentMs, seek, playing, toggle } = player;

  const inside = clashes.findIndex((c) => currentMs >= c.startMs && currentMs < c.endMs);
  const highlighted = inside >= 0 ? inside : playAll ? current : null;

  const play = useCallback(
    (i: number) => {
      const clash = clashes[i];
      if (!clash) return;
      setCurrent(i);
      seek(clash.startMs, true);
    },
    [clashes, seek],
  );

  // Play all: at the end of the clash being played, on to the next one; after the last, pause.
  useEffect(() => {
    if (!playAll || current === null) return;
    const clash = clashes[current];
    if (!clash || currentMs < clash.endMs) return;
    if (current + 1 < clashes.length) play(current + 1);
    else {
      setPlayAll(false);
      if (playing) toggle();
    }
  }, [playAll, current, currentMs, clashes, play, playing, toggle]);

  // From the clash being listened to when the learner picked it here, else from the first one
  // (a position resumed from an earlier visit is not a choice).
  const startAll = () => {
    setPlayAll(true);
    play(current !== null && inside === current ? current : 0);
  };
  const stopAll = () => {
    setPlayAll(false);
    if (playing) toggle();
  };
  const from = highlighted ?? current ?? -1;

  const add = async (clash: ClashJson) => {
    setAdding(clash.idx);
    setError(null);
    try {
      await onAdd(clash);
    } catch (e) {
      setError(e as Error);
    } finally {
      setAdding(null);
    }
  };

  const quoteSpeakers = useMemo(() => {
    const byId = new Map(segments.map((s) => [s.id, s]));
    return clashes.map((c) => {
      const start = c.quote.slice(0, 40);
      return c.segmentIds.map((id) => byId.get(id)).find((s) => s?.text.includes(start))?.speaker ?? null;
    });
  }, [clashes, segments]);

  return (
    <div className="clash-playlist">
      <div className="playlist-controls">
        {playAll ? (
          <button type="button" className="primary" onClick={stopAll} aria-pressed="true">
            ■ {t("stopAll")}
          </button>
        ) : (
          <button type="button" className="primary" onClick={startAll} aria-pressed="false">
            ▶ {t("playAll")}
          </button>
        )}
        <button type="button" onClick={() => play(from - 1)} disabled={from <= 0}>
          ← {t("previous")}
        </button>
        <button type="button" onClick={() => play(from + 1)} disabled={from >= clashes.length - 1}>
          {t("next")} →
        </button>
        <span className="now-playing" role="status">
          {highlighted !== null ? t("nowPlaying", { n: highlighted + 1, total: clashes.length }) : ""}
        </span>
      </div>
      <ErrorMessage error={error} />
      <ol className="clash-list">
        {clashes.map((clash, i) => (
          <li
            key={clash.idx}
            className={i === highlighted ? "clash playing" : "clash"}
            aria-current={i === highlighted ? "true" : undefined}
          >
            <button
              type="button"
              className="clash-play"
              onClick={() => play(i)}
              aria-label={t("playClash", { n: i + 1, time: formatTime(clash.startMs), topic: clash.topic })}
            >
              <span aria-hidden="true">{i === highlighted && playing ? "❚❚" : "▶"}</span>
              <span className="clash-range">
                {formatTime(clash.startMs)}–{formatTime(clash.endMs)}
              </span>
            </button>
            <div className="clash-body">
              <p className="clash-head">
                <span className="clash-topic">{clash.topic}</span>
                <span className="clash-speakers">
                  {clash.speakers.length === 2
                    ? t("versus", { a: clash.speakers[0] ?? "", b: clash.speakers[1] ?? "" })
                    : clash.speakers.join(" · ")}
                </span>
              </p>
              <blockquote className="clash-quote">
                <p>{clash.quote}</p>
                {quoteSpeakers[i] ? <footer>— {quoteSpeakers[i]}</footer> : null}
              </blockquote>
            </div>
            <div className="clash-actions">
              {clash.topicId !== null ? (
                <button type="button" onClick={() => onShowRow(clash.topicId as number)}>
                  {t("inTable")} ↓
                </button>
              ) : (
                <button type="button" onClick={() => void add(clash)} disabled={adding !== null}>
                  {adding === clash.idx ? t("adding") : `+ ${t("addToTable")}`}
                </button>
              )}
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
