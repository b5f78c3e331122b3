import type { StanceCellJson } from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { clashMessages } from "./messages.js";
import { useQuoteAcceptance } from "./quote-acceptance.js";

interface QuoteCheckProps {
  cell: StanceCellJson;
  /** The column's speaker, the one the quote is credited to. */
  speaker: string;
  /** Sets the cell's moment to where the quote was found. */
  onUseMoment: (startMs: number, segmentId: number | null) => void;
  /** Moves the quote to the column of the speaker who says it; absent when that is not possible. */
  onMoveTo?: (speaker: string) => void;
}

/**
 * The attribution check of a cell's quote, in place: who says it and when (a click plays it), or
 * a flag when the transcript gives it to someone else or does not have it, with a way to accept it
 * as it is (a paraphrase the learner stands by, a deliberate attribution) and to undo that.
 */
export function QuoteCheck({ cell, speaker, onUseMoment, onMoveTo }: QuoteCheckProps) {
  const t = useT(clashMessages);
  const player = usePlayer();
  const acceptance = useQuoteAcceptance();
  if (!cell.quote.trim()) return null;
  const check = cell.check;
  // The check belongs to the saved quote; while the learner types, the old one would mislead.
  if (!check || check.quote !== cell.quote) {
    return (
      <p className="quote-check pending" role="status">
        {t("checkPending")}
      </p>
    );
  }
  const pct = Math.round(check.similarity * 100);
  const moment =
    check.startMs !== null ? (
      <button
        type="button"
        className="time-link"
        onClick={() => player.seek(check.startMs as number)}
        aria-label={t("playMoment", { time: formatTime(check.startMs) })}
      >
        {formatTime(check.startMs)}
      </button>
    ) : null;
  const useMoment =
    check.startMs !== null && cell.startMs !== check.startMs ? (
      <button
        type="button"
        className="link-button"
        onClick={() => onUseMoment(check.startMs as number, check.segmentId)}
      >
        {t("useQuoteMoment")}
      </button>
    ) : null;

  if (check.verdict !== "ok" && acceptance?.isAccepted(cell.quote, speaker)) {
    return (
      <p className="quote-check accepted">
        <span aria-hidden="true">✓ </span>
        {check.verdict === "wrong-speaker"
          ? t("acceptedWrong", { correct: check.correctSpeaker ?? "" })
          : t("acceptedMissing")}{" "}
        {check.verdict === "wrong-speaker" ? moment : null}{" "}
        <button
          type="button"
          className="link-button"
          onClick={() => void acceptance.unaccept(cell.quote, speaker)}
          aria-label={t("undoAcceptLabel", { speaker })}
        >
          {t("undoAccept")}
        </button>
      </p>
    );
  }
  const accept = acceptance ? (
    <>
      {" "}
      <button
        type="button"
        className="link-button"
        onClick={() => void acceptance.accept(cell.quote, speaker)}
        aria-label={t("acceptQuoteLabel", { speaker })}
      >
        {t("acceptQuote")}
      </button>
    </>
  ) : null;
  if (check.verdict === "not-found") {
    return (
      <p className="quote-check missing">
        <span aria-hidden="true">✗ </span>
        {pct > 0 ? t("checkClosest", { pct }) : t("checkNotFound")}
        {accept}
      </p>
    );
  }
  if (check.verdict === "wrong-speaker") {
    return (
      <p className="quote-check wrong">
        <span aria-hidden="true">⚠ </span>
        {t("checkWrong", { correct: check.correctSpeaker ?? "", speaker })} {moment}
        {onMoveTo && check.correctSpeaker ? (
          <>
            {" "}
            <button type="button" className="link-button" onClick={() => onMoveTo(check.correctSpeaker as string)}>
              {t("moveTo", { correct: check.correctSpeaker })}
            </button>
          </>
        ) : null}
        {accept}
      </p>
    );
  }
  return (
    <p className="quote-check ok">
      <span aria-hidden="true">✓ </span>
      {check.speaker ? t("checkOk", { speaker: check.speaker }) : t("checkOkUnlabelled")} {moment}
      {pct < 100 ? <span className="muted"> ({t("checkClose", { pct })})</span> : null} {useMoment}
    </p>
  );
}
