import { useEffect, useState } from "react";
import { Link } from "wouter";
import type { QuoteCheckJson, StanceCellJson } from "../../../../src/server/contract/index.js";
import type { CheckedQuoteJson, CheckQuoteResponse } from "../../../../src/server/contract/quotes.js";
import { api } from "../../api/client.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { useEpisode } from "../episode/episode-context.js";
import { attributionMessages } from "./claim-check.js";
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
  const ta = useT(attributionMessages);
  const player = usePlayer();
  const acceptance = useQuoteAcceptance();
  const translated = useTranslatedCheck(cell.check, speaker);
  if (!cell.quote.trim()) return null;
  const check = translated.check ?? cell.check;
  // The check belongs to the saved quote; while the learner types, the old one would mislead.
  if (!check || check.quote !== cell.quote || translated.pending) {
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
  const extra = check as Partial<CheckedQuoteJson>;
  const via =
    extra.via === "translation" && extra.translation ? (
      <span className="muted quote-translation"> ({ta("viaTranslation", { translation: extra.translation })})</span>
    ) : null;
  if (check.verdict === "not-found") {
    if (extra.unchecked === "needs-model") {
      return (
        <p className="quote-check missing">
          <span aria-hidden="true">✗ </span>
          {ta("quoteNeedsModel")} <Link href="~/settings">{ta("claimSettings")}</Link>
          {accept}
        </p>
      );
    }
    return (
      <p className="quote-check missing">
        <span aria-hidden="true">✗ </span>
        {extra.unchecked === "model-failed"
          ? ta("quoteModelFailed", { problem: extra.problem ?? "" })
          : pct > 0
            ? t("checkClosest", { pct })
            : t("checkNotFound")}
        {via}
        {accept}
      </p>
    );
  }
  if (check.verdict === "wrong-speaker") {
    return (
      <p className="quote-check wrong">
        <span aria-hidden="true">⚠ </span>
        {t("checkWrong", { correct: check.correctSpeaker ?? "", speaker })} {moment}
        {via}
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
      {pct < 100 && !via ? <span className="muted"> ({t("checkClose", { pct })})</span> : null}
      {via} {useMoment}
    </p>
  );
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;

/**
 * A quote not found as written that may be in another language than the transcript's (Chinese on
 * an English episode, or the other way), with no translation attempted by the check it came with.
 */
function needsTranslation(check: QuoteCheckJson): boolean {
  const extra = check as Partial<CheckedQuoteJson>;
  const untried = extra.via === undefined || extra.unchecked === "not-translated";
  return check.verdict === "not-found" && untried && CJK.test(check.quote);
}

/**
 * The check of a cell's quote through a translation, asked of the server (which asks the library's
 * model, cached) when the check that came with the cell did not try one. `pending` while asking;
 * if the server cannot answer, the cell's own check stays.
 */
function useTranslatedCheck(
  check: QuoteCheckJson | null,
  speaker: string,
): { check: QuoteCheckJson | null; pending: boolean } {
  const { episode } = useEpisode();
  const [answer, setAnswer] = useState<{ quote: string; check: CheckedQuoteJson | null } | null>(null);
  const quote = check && needsTranslation(check) ? check.quote : null;
  useEffect(() => {
    if (quote === null) return;
    let live = true;
    api
      .post<CheckQuoteResponse>(`/api/episodes/${encodeURIComponent(episode.id)}/quotes/check`, { quote, speaker })
      .then((r) => {
        if (live) setAnswer({ quote, check: r.check });
      })
      .catch(() => {
        if (live) setAnswer({ quote, check: null });
      });
    return () => {
      live = false;
    };
  }, [episode.id, quote, speaker]);
  if (quote === null) return { check: null, pending: false };
  if (answer?.quote !== quote) return { check: null, pending: true };
  return { check: answer.check, pending: false };
}
