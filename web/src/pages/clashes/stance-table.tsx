import { useRef, useState } from "react";
import type {
  ClashJson,
  SegmentJson,
  StanceSpeakerJson,
  StanceTopicJson,
} from "../../../../src/server/contract/index.js";
import { formatTime } from "../../format.js";
import { useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { clashMessages } from "./messages.js";
import { StanceCellEditor } from "./stance-cell.js";
import type { StanceTable } from "./use-stance-table.js";

interface StanceTableViewProps {
  table: StanceTable;
  speakers: StanceSpeakerJson[];
  topics: StanceTopicJson[];
  clashes: ClashJson[];
  segments: SegmentJson[];
  onActionError: (error: Error) => void;
}

/** The id of a row's title box, to move the focus there (after "add to the stance table"). */
export function topicTitleId(topicId: number): string {
  return `topic-title-${topicId}`;
}

/**
 * Topics (rows) x speakers (columns). Each topic is a row group: the speakers' cells, then the
 * learner's synthesis across the whole width.
 */
export function StanceTableView({ table, speakers, topics, clashes, segments, onActionError }: StanceTableViewProps) {
  const t = useT(clashMessages);
  return (
    <div className="stance-scroll">
      <table className="stance-table" style={{ minWidth: `${12 + speakers.length * 15}rem` }}>
        <caption className="visually-hidden">{t("table")}</caption>
        <thead>
          <tr>
            <th scope="col" className="topic-col">
              {t("topic")}
            </th>
            {speakers.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
                {s.former ? <span className="badge former">{t("formerSpeaker")}</span> : null}
              </th>
            ))}
          </tr>
        </thead>
        {topics.map((topic, i) => (
          <StanceRow
            key={topic.id}
            n={i + 1}
            last={i === topics.length - 1}
            topic={topic}
            table={table}
            speakers={speakers}
            clash={topic.clashIdx !== null ? (clashes.find((c) => c.idx === topic.clashIdx) ?? null) : null}
            segments={segments}
            onActionError={onActionError}
          />
        ))}
      </table>
    </div>
  );
}

interface StanceRowProps {
  n: number;
  last: boolean;
  topic: StanceTopicJson;
  table: StanceTable;
  speakers: StanceSpeakerJson[];
  clash: ClashJson | null;
  segments: SegmentJson[];
  onActionError: (error: Error) => void;
}

function StanceRow({ n, last, topic, table, speakers, clash, segments, onActionError }: StanceRowProps) {
  const t = useT(clashMessages);
  const player = usePlayer();
  const [confirming, setConfirming] = useState(false);
  const lastTitle = useRef(topic.title);
  const title = topic.title.trim() ? topic.title : lastTitle.current;
  const act = (action: Promise<void>) => action.catch((e: unknown) => onActionError(e as Error));
  const cellOf = (speaker: string) => topic.cells.find((c) => c.speaker === speaker);
  // A misattributed quote goes to the column of who says it, with the moment where it is said.
  const moveQuote = (from: string, to: string) => {
    const source = cellOf(from);
    if (!source) return;
    table.editCell(topic.id, to, {
      quote: source.quote,
      startMs: source.check?.startMs ?? source.startMs,
      segmentId: source.check?.segmentId ?? source.segmentId,
    });
    table.editCell(topic.id, from, { quote: "" });
  };
  const canMoveTo = (to: string) => speakers.some((s) => s.name === to) && !cellOf(to)?.quote.trim();
  return (
    <tbody id={`topic-${topic.id}`} className="stance-row">
      <tr>
        <th scope="rowgroup" rowSpan={2} className="topic-cell">
          <textarea
            id={topicTitleId(topic.id)}
            className="topic-title"
            rows={2}
            value={topic.title}
            aria-label={t("topicTitle", { n })}
            onFocus={() => {
              if (topic.title.trim()) lastTitle.current = topic.title;
            }}
            onKeyDown={(e) => {
              // A title is one line: Enter ends the edit.
              if (e.key === "Enter") {
                e.preventDefault();
                e.currentTarget.blur();
              }
            }}
            onChange={(e) => {
              const value = e.target.value.replace(/\s*\n\s*/g, " ");
              if (value.trim()) lastTitle.current = value;
              table.editTopic(topic.id, { title: value });
            }}
            onBlur={() => {
              // Leaving the title empty puts back the last one: a row always has a name.
              if (!topic.title.trim()) table.editTopic(topic.id, { title: lastTitle.current });
            }}
          />
          {!topic.title.trim() ? <p className="hint">{t("titleNeeded")}</p> : null}
          {clash ? (
            <p className="from-clash">
              {t("fromClash")}{" "}
              <button
                type="button"
                className="time-link"
                onClick={() => player.seek(clash.startMs)}
                aria-label={t("playMoment", { time: formatTime(clash.startMs) })}
              >
                {formatTime(clash.startMs)}
              </button>
            </p>
          ) : null}
          <div className="row-tools">
            <button
              type="button"
              className="small"
              disabled={n === 1}
              onClick={() => void act(table.moveTopic(topic.id, -1))}
              aria-label={t("moveUp", { topic: title })}
              title={t("moveUp", { topic: title })}
            >
              ↑
            </button>
            <button
              type="button"
              className="small"
              disabled={last}
              onClick={() => void act(table.moveTopic(topic.id, 1))}
              aria-label={t("moveDown", { topic: title })}
              title={t("moveDown", { topic: title })}
            >
              ↓
            </button>
            <button type="button" className="small danger" onClick={() => setConfirming(true)}>
              {t("delete")}
            </button>
          </div>
          {confirming ? (
            <div className="confirm" role="alertdialog" aria-label={t("confirmDelete", { topic: title })}>
              <p>{t("confirmDelete", { topic: title })}</p>
              <button
                type="button"
                className="small danger"
                onClick={() => void act(table.deleteTopic(topic.id))}
                // biome-ignore lint/a11y/noAutofocus: the question just appeared; the answer is the next key press
                autoFocus
              >
                {t("confirmYes")}
              </button>
              <button type="button" className="small" onClick={() => setConfirming(false)}>
                {t("confirmNo")}
              </button>
            </div>
          ) : null}
        </th>
        {speakers.map((s) => (
          <StanceCellEditor
            key={s.name}
            topicId={topic.id}
            topicTitle={title}
            speaker={s.name}
            cell={cellOf(s.name)}
            segments={segments}
            onEdit={(edit) => table.editCell(topic.id, s.name, edit)}
            canMoveTo={canMoveTo}
            onMoveTo={(to) => moveQuote(s.name, to)}
          />
        ))}
      </tr>
      <tr className="synthesis-row">
        <td colSpan={Math.max(1, speakers.length)}>
          <label className="field-label" htmlFor={`synthesis-${topic.id}`}>
            {t("synthesis")}
          </label>
          <textarea
            id={`synthesis-${topic.id}`}
            className="synthesis-input"
            rows={2}
            value={topic.synthesis}
            onChange={(e) => table.editTopic(topic.id, { synthesis: e.target.value })}
            aria-label={t("synthesisLabel", { topic: title })}
            placeholder={t("synthesisPlaceholder")}
          />
        </td>
      </tr>
    </tbody>
  );
}
