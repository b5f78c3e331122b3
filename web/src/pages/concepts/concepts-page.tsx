import { useDeferredValue, useEffect, useMemo, useState } from "react";
import { Link } from "wouter";
import { CONCEPT_KINDS, MASTERY_STATE_ORDER } from "../../../../src/server/contract/concepts.js";
import type { ConceptRowJson, ConceptsResponse } from "../../../../src/server/contract/index.js";
import { useApi } from "../../api/client.js";
import { ErrorMessage } from "../../components/error-message.js";
import { formatTime } from "../../format.js";
import { type Translate, useLang, useT } from "../../i18n/index.js";
import { usePlayer } from "../../player/player.js";
import { useEpisode } from "../episode/episode-context.js";
import {
  applyConceptFilter,
  type ConceptFilter,
  DEFAULT_FILTER,
  filterFromSearch,
  filterToSearch,
  type SortColumn,
} from "./concept-filters.js";
import { EnrichEpisode } from "./enrich-episode.js";
import { MasteryBadge } from "./mastery-badge.js";
import { tableMessages, termMessages } from "./messages.js";
import "./concepts.css";

/**
 * `/episodes/<id>/concepts`: every concept of the episode with the learner's mastery, filterable
 * by kind, state, marks and text, sortable by any column. The filter lives in the address, so a
 * reload or a bookmark shows the same table.
 */
export default function ConceptsPage() {
  const t = useT(tableMessages);
  const { episode } = useEpisode();
  const { data, error } = useApi<ConceptsResponse>(`/api/episodes/${encodeURIComponent(episode.id)}/concepts`);
  const [filter, setFilterState] = useState<ConceptFilter>(() => filterFromSearch(window.location.search));
  const setFilter = (change: Partial<ConceptFilter>) => {
    setFilterState((old) => {
      const next = { ...old, ...change };
      const url = `${window.location.pathname}${filterToSearch(next, window.location.search)}`;
      window.history.replaceState(window.history.state, "", url);
      return next;
    });
  };
  // Typing in the filter stays responsive on #490's hundreds of rows: the table follows a beat behind.
  const deferred = useDeferredValue(filter);
  const rows = useMemo(() => applyConceptFilter([...(data?.concepts ?? [])], deferred), [data, deferred]);

  useEffect(() => {
    document.title = `${t("title")} · ${episode.title} · deeplisten`;
  }, [t, episode.title]);

  if (error && !data) return <ErrorMessage error={error} />;
  if (!data) return <p className="loading">{t("loading")}</p>;
  if (!data.analysed)
    return (
      <section className="page concepts-page">
        <p className="notice">{t("notAnalysed")}</p>
      </section>
    );

  const all = data.concepts;
  const verified = all.filter((c) => c.state === "verified").length;
  const marked = all.filter((c) => c.marked).length;
  return (
    <section className="page concepts-page" aria-labelledby="concepts-title">
      <div className="concepts-head">
        <h2 id="concepts-title">{t("title")}</h2>
        <p className="muted">{t("summary", { verified, total: all.length, marked })}</p>
      </div>
      <EnrichEpisode episodeId={episode.id} />
      <Filters filter={filter} setFilter={setFilter} />
      <p className="muted concepts-count" aria-live="polite">
        {t("showing", { n: rows.length, total: all.length })}
      </p>
      {rows.length === 0 ? (
        <p className="notice">{t("empty")}</p>
      ) : (
        <ConceptTable rows={rows} filter={filter} setFilter={setFilter} />
      )}
    </section>
  );
}

function Filters({
  filter,
  setFilter,
}: {
  filter: ConceptFilter;
  setFilter: (change: Partial<ConceptFilter>) => void;
}) {
  const t = useT(tableMessages);
  const term = useT(termMessages);
  const changed =
    filter.text !== "" || filter.kind !== "" || filter.state !== "" || filter.markedOnly || filter.sort !== "rank";
  return (
    <fieldset className="concept-filters">
      <legend className="visually-hidden">{t("filters")}</legend>
      <label className="filter-text">
        <span>{t("search")}</span>
        <input
          className="filter-input"
          type="search"
          value={filter.text}
          placeholder={t("searchPlaceholder")}
          onChange={(e) => setFilter({ text: e.target.value })}
        />
      </label>
      <label>
        <span>{t("kind")}</span>
        <select
          className="filter-input"
          value={filter.kind}
          onChange={(e) => setFilter({ kind: e.target.value as ConceptFilter["kind"] })}
        >
          <option value="">{t("all")}</option>
          {CONCEPT_KINDS.map((k) => (
            <option key={k} value={k}>
              {term(`kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("state")}</span>
        <select
          className="filter-input"
          value={filter.state}
          onChange={(e) => setFilter({ state: e.target.value as ConceptFilter["state"] })}
        >
          <option value="">{t("all")}</option>
          {MASTERY_STATE_ORDER.map((s) => (
            <option key={s} value={s}>
              {term(`state.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="filter-check">
        <input
          type="checkbox"
          checked={filter.markedOnly}
          onChange={(e) => setFilter({ markedOnly: e.target.checked })}
        />
        <span>{t("markedOnly")}</span>
      </label>
      {changed ? (
        <button type="button" onClick={() => setFilter(DEFAULT_FILTER)}>
          {t("clear")}
        </button>
      ) : null}
    </fieldset>
  );
}

function ConceptTable({
  rows,
  filter,
  setFilter,
}: {
  rows: ConceptRowJson[];
  filter: ConceptFilter;
  setFilter: (change: Partial<ConceptFilter>) => void;
}) {
  const t = useT(tableMessages);
  const header = (column: SortColumn, label: string, className?: string) => (
    <SortHeader column={column} label={label} filter={filter} setFilter={setFilter} t={t} className={className} />
  );
  return (
    <div className="concepts-table-wrap">
      <table className="concepts-table">
        <thead>
          <tr>
            {header("rank", "#", "num")}
            {header("name", t("name"))}
            {header("kind", t("kind"))}
            {header("state", t("state"))}
            {header("mentions", t("mentions"), "num")}
            {header("first", t("first"))}
            {header("marked", t("marked"))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ConceptRow key={row.id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader({
  column,
  label,
  filter,
  setFilter,
  t,
  className,
}: {
  column: SortColumn;
  label: string;
  filter: ConceptFilter;
  setFilter: (change: Partial<ConceptFilter>) => void;
  t: Translate<keyof (typeof tableMessages)["en"]>;
  className?: string;
}) {
  const active = filter.sort === column;
  const sort = active ? (filter.direction === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={sort} className={className}>
      <button
        type="button"
        className="sort-button"
        aria-label={t("sortBy", { column: column === "rank" ? t("rank") : label })}
        onClick={() => setFilter({ sort: column, direction: active && filter.direction === "asc" ? "desc" : "asc" })}
      >
        {label}
        <span aria-hidden="true" className="sort-arrow">
          {active ? (filter.direction === "asc" ? "▲" : "▼") : ""}
        </span>
      </button>
    </th>
  );
}

function ConceptRow({ row }: { row: ConceptRowJson }) {
  const t = useT(tableMessages);
  const term = useT(termMessages);
  const { lang } = useLang();
  const player = usePlayer();
  const shown = lang === "zh-CN" && row.packNames ? row.packNames.zh : (row.packNames?.en ?? row.name);
  const said = shown.toLowerCase() === row.name.toLowerCase() ? null : row.name;
  const time = formatTime(row.firstMs);
  return (
    <tr data-concept-id={row.id}>
      <td className="num muted">{row.rank + 1}</td>
      <td>
        <Link href={`/concepts/${row.id}`} className="concept-link">
          {shown}
        </Link>
        {said ? <span className="muted said-as"> {said}</span> : null}
        {row.hasPackEntry ? (
          <span className="pack-dot" title={t("pack")} role="img" aria-label={t("pack")}>
            ◆
          </span>
        ) : null}
      </td>
      <td>{term(`kind.${row.kind}`)}</td>
      <td>
        <MasteryBadge state={row.state} />
      </td>
      <td className="num">{row.mentionCount}</td>
      <td>
        <button
          type="button"
          className="time-link"
          aria-label={t("play", { time })}
          onClick={() => player.seek(row.firstMs)}
        >
          {time}
        </button>
      </td>
      <td>
        {row.marked ? <span className="badge marked">{t("yes")}</span> : <span className="muted">{t("no")}</span>}
      </td>
    </tr>
  );
}
