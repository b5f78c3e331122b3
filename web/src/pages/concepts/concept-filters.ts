import {
  type ConceptKindJson,
  type ConceptRowJson,
  MASTERY_STATE_ORDER,
  type MasteryStateJson,
} from "../../../../src/server/contract/concepts.js";

export type SortColumn = "rank" | "name" | "kind" | "state" | "mentions" | "first" | "marked";
export type SortDirection = "asc" | "desc";

/** What the concepts table shows; kept in the address so a reload or a bookmark keeps it. */
export interface ConceptFilter {
  text: string;
  kind: ConceptKindJson | "";
  state: MasteryStateJson | "";
  markedOnly: boolean;
  sort: SortColumn;
  direction: SortDirection;
}

export const DEFAULT_FILTER: ConceptFilter = {
  text: "",
  kind: "",
  state: "",
  markedOnly: false,
  sort: "rank",
  direction: "asc",
};

const KINDS = new Set(["term", "model", "organisation", "person"]);
const SORTS = new Set(["rank", "name", "kind", "state", "mentions", "first", "marked"]);

/** Reads the filter from `?q=&kind=&state=&marked=1&sort=&dir=`; unknown values fall back to the default. */
export function filterFromSearch(search: string): ConceptFilter {
  const p = new URLSearchParams(search);
  const kind = p.get("kind") ?? "";
  const state = p.get("state") ?? "";
  const sort = p.get("sort") ?? "rank";
  return {
    text: p.get("q") ?? "",
    kind: KINDS.has(kind) ? (kind as ConceptKindJson) : "",
    state: (MASTERY_STATE_ORDER as readonly string[]).includes(state) ? (state as MasteryStateJson) : "",
    markedOnly: p.get("marked") === "1",
    sort: SORTS.has(sort) ? (sort as SortColumn) : "rank",
    direction: p.get("dir") === "desc" ? "desc" : "asc",
  };
}

/** The filter written into a query string, keeping other parameters (such as `lang`). */
export function filterToSearch(filter: ConceptFilter, current: string): string {
  const p = new URLSearchParams(current);
  const set = (key: string, value: string, fallback: string) => {
    if (value === fallback) p.delete(key);
    else p.set(key, value);
  };
  set("q", filter.text, "");
  set("kind", filter.kind, "");
  set("state", filter.state, "");
  set("marked", filter.markedOnly ? "1" : "", "");
  set("sort", filter.sort, "rank");
  set("dir", filter.direction, "asc");
  const s = p.toString();
  return s ? `?${s}` : "";
}

/** Lower-cased, accents and width folded, so "tulu" finds "Tülu" and "ＧＲＰＯ" finds "GRPO". */
export function foldText(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The rows that pass the filter, in its order. */
export function applyConceptFilter(rows: ConceptRowJson[], filter: ConceptFilter): ConceptRowJson[] {
  const needle = foldText(filter.text.trim());
  const kept = rows.filter(
    (r) =>
      (!filter.kind || r.kind === filter.kind) &&
      (!filter.state || r.state === filter.state) &&
      (!filter.markedOnly || r.marked) &&
      (!needle ||
        [r.name, ...r.aliases, r.packNames?.en ?? "", r.packNames?.zh ?? ""].some((n) => foldText(n).includes(needle))),
  );
  const sign = filter.direction === "desc" ? -1 : 1;
  const compare = COMPARE[filter.sort];
  return kept.sort((a, b) => sign * compare(a, b) || a.rank - b.rank);
}

const stateIndex = (s: MasteryStateJson) => MASTERY_STATE_ORDER.indexOf(s);

const COMPARE: Record<SortColumn, (a: ConceptRowJson, b: ConceptRowJson) => number> = {
  rank: (a, b) => a.rank - b.rank,
  name: (a, b) => a.name.localeCompare(b.name),
  kind: (a, b) => a.kind.localeCompare(b.kind),
  state: (a, b) => stateIndex(a.state) - stateIndex(b.state),
  // Most said first reads naturally as "ascending" for a learner scanning what matters.
  mentions: (a, b) => b.mentionCount - a.mentionCount,
  first: (a, b) => a.firstMs - b.firstMs,
  marked: (a, b) => Number(b.marked) - Number(a.marked),
};
