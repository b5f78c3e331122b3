import type { SegmentJson, StanceCellJson } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { useEpisode } from "../episode/episode-context.js";
import { ClaimCheck } from "./claim-check.js";
import { clashMessages } from "./messages.js";
import { QuoteCheck } from "./quote-check.js";
import type { CellEdit } from "./use-stance-table.js";

interface StanceCellEditorProps {
  topicId: number;
  topicTitle: string;
  speaker: string;
  cell: StanceCellJson | undefined;
  segments: SegmentJson[];
  onEdit: (edit: CellEdit) => void;
  /** True when a quote can move to that speaker's column (a column whose quote is empty). */
  canMoveTo: (speaker: string) => boolean;
  /** Moves this cell's quote to another speaker's column. */
  onMoveTo: (speaker: string) => void;
}

/** The paragraph playing at `ms`: the last one starting at or before it. */
export function segmentAt(segments: readonly SegmentJson[], ms: number): SegmentJson | null {
  let lo = 0;
  let hi = segments.length - 1;
  let found: SegmentJson | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segments[mid] as SegmentJson;
    if (s.startMs <= ms) {
      found = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** One speaker's cell of a topic: their position in the learner's words, a quote, and its moment. */
export function StanceCellEditor({
  topicId,
  topicTitle,
  speaker,
  cell,
  segments,
  onEdit,
  canMoveTo,
  onMoveTo,
}: StanceCellEditorProps) {
  const t = useT(clashMessages);
  const player = usePlayer();
  const { episode } = useEpisode();
  const position = cell?.position ?? "";
  const quote = cell?.quote ?? "";
  const startMs = cell?.startMs ?? null;
  const id = `cell-${topicId}-${speaker.replace(/[^\p{L}\p{N}]+/gu, "-")}`;
  const names = { speaker, topic: topicTitle };
  const now = formatTime(player.currentMs);
  const takeCurrentMoment = () => {
    const ms = Math.round(player.currentMs);
    onEdit({ startMs: ms, segmentId: segmentAt(segments, ms)?.id ?? null });
  };
  return (
    <td className="stance-cell">
      <label className="field-label" htmlFor={`${id}-position`}>
        {t("position")}
      </label>
      <textarea
        id={`${id}-position`}
        className="position-input"
        rows={3}
        value={position}
        onChange={(e) => onEdit({ position: e.target.value })}
        aria-label={t("positionLabel", names)}
        placeholder={t("positionPlaceholder", { speaker })}
      />
      <ClaimCheck episodeId={episode.id} speaker={speaker} topic={topicTitle} claim={position} />
      <label className="field-label" htmlFor={`${id}-quote`}>
        {t("quote")}
      </label>
      <textarea
        id={`${id}-quote`}
        className="quote-input"
        rows={2}
        value={quote}
        onChange={(e) => onEdit({ quote: e.target.value })}
        aria-label={t("quoteLabel", names)}
        placeholder={t("quotePlaceholder", { speaker })}
      />
      {cell ? (
        <QuoteCheck
          cell={cell}
          speaker={speaker}
          onUseMoment={(ms, segmentId) => onEdit({ startMs: ms, segmentId })}
          onMoveTo={cell.check?.correctSpeaker && canMoveTo(cell.check.correctSpeaker) ? onMoveTo : undefined}
        />
      ) : null}
      <div className="moment-row">
        <span className="field-label">{t("moment")}</span>
        {startMs !== null ? (
          <button
            type="button"
            className="time-link"
            onClick={() => player.seek(startMs)}
            aria-label={t("playMoment", { time: formatTime(startMs) })}
          >
            {formatTime(startMs)}
          </button>
        ) : (
          <span className="muted">{t("noMoment")}</span>
        )}
        <button
          type="button"
          className="small"
          onClick={takeCurrentMoment}
          aria-label={t("useCurrentLabel", { ...names, time: now })}
        >
          {t("useCurrent", { time: now })}
        </button>
        {startMs !== null ? (
          <button
            type="button"
            className="small"
            onClick={() => onEdit({ startMs: null, segmentId: null })}
            aria-label={t("clearMomentLabel", names)}
          >
            {t("clearMoment")}
          </button>
        ) : null}
      </div>
    </td>
  );
}
