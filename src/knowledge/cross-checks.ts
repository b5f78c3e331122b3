import type { JsonLocator } from "./json-text.js";
import { formatPath, makeProblem, type PackProblem, type PackProblemInit } from "./problems.js";

/**
 * One entry as found in a file, before (or despite) schema validation. Cross-entry checks read the
 * raw value so that one entry's missing field does not hide, or invent, problems in the others.
 */
export interface RawEntry {
  file: string;
  index: number;
  raw: unknown;
  locator: JsonLocator;
}

interface EntryView {
  at: RawEntry;
  id: string | undefined;
  field(name: string): unknown;
}

/** Checks that need the whole pack: ids, references, prerequisite cycles, aliases, areas. */
export function checkAcrossEntries(entries: RawEntry[], areaIds: readonly string[]): PackProblem[] {
  const views = entries.map(view);
  const problems: PackProblem[] = [];
  const report = (entry: EntryView, path: PropertyKey[], kind: PackProblemInit["kind"], message: string) => {
    const position = entry.at.locator.locate([entry.at.index, ...path]);
    problems.push(
      makeProblem({
        kind,
        file: entry.at.file,
        entryIndex: entry.at.index,
        entryId: entry.id,
        path: formatPath(path) || undefined,
        line: position.line,
        column: position.column,
        message,
      }),
    );
  };
  const where = (entry: EntryView) => `${entry.at.file} entry ${entry.at.index}`;

  // Ids: the first entry with an id owns it.
  const byId = new Map<string, EntryView>();
  for (const entry of views) {
    if (entry.id === undefined) continue;
    const first = byId.get(entry.id);
    if (first) report(entry, ["id"], "duplicate-id", `id "${entry.id}" is already used by ${where(first)}`);
    else byId.set(entry.id, entry);
  }

  // References: prerequisites and related must name entries of this pack.
  for (const entry of views) {
    for (const field of ["prerequisites", "related"] as const) {
      stringsOf(entry.field(field)).forEach(({ value, index }) => {
        if (value === entry.id) {
          report(entry, [field, index], "self-reference", `an entry cannot list itself in ${field}`);
        } else if (!byId.has(value)) {
          const guess = closestId(value, [...byId.keys()]);
          const hint = guess ? `; did you mean "${guess}"?` : "; use the id of an entry in this pack";
          report(entry, [field, index], "unknown-reference", `unknown id "${value}"${hint}`);
        }
      });
    }
  }

  for (const cycle of findPrerequisiteCycles(views, byId)) {
    const start = byId.get(cycle[0] ?? "");
    if (!start) continue;
    const index = stringsOf(start.field("prerequisites")).find((p) => p.value === cycle[1])?.index;
    report(
      start,
      index === undefined ? ["prerequisites"] : ["prerequisites", index],
      "prerequisite-cycle",
      `prerequisite cycle ${[...cycle, cycle[0]].join(" -> ")}; a concept cannot depend on itself through others`,
    );
  }

  // Names: every name (display name or alias) must resolve to one entry.
  const byName = new Map<string, EntryView>();
  for (const entry of views) {
    const names = entry.field("names");
    for (const language of ["en", "zh"] as const) {
      const list = names && typeof names === "object" ? (names as Record<string, unknown>)[language] : undefined;
      for (const { value, index } of stringsOf(list)) {
        const key = nameKey(value);
        if (!key) continue;
        const owner = byName.get(key);
        if (!owner) byName.set(key, entry);
        else if (owner !== entry) {
          const ownerName = owner.id ? `"${owner.id}"` : "another entry";
          report(
            entry,
            ["names", language, index],
            "duplicate-alias",
            `name "${value}" also names ${ownerName} (${where(owner)}); an alias must resolve to one concept`,
          );
        }
      }
    }
  }

  // Inside one entry, rubric point ids and misconception ids tell the grader's verdicts apart.
  for (const entry of views) {
    const rubric = entry.field("rubric");
    if (!rubric || typeof rubric !== "object") continue;
    const seen = new Set<string>();
    for (const list of ["keyPoints", "misconceptionPatterns"] as const) {
      const items = (rubric as Record<string, unknown>)[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item: unknown, index) => {
        const id = item && typeof item === "object" ? (item as Record<string, unknown>).id : undefined;
        if (typeof id !== "string") return;
        if (seen.has(id)) {
          report(entry, ["rubric", list, index, "id"], "duplicate-point-id", `id "${id}" is used twice in this rubric`);
        }
        seen.add(id);
      });
    }
  }

  if (areaIds.length > 0) {
    for (const entry of views) {
      const area = entry.field("area");
      if (typeof area === "string" && area.trim() && !areaIds.includes(area)) {
        report(entry, ["area"], "unknown-area", `"${area}" is not one of the pack's areas (${areaIds.join(", ")})`);
      }
    }
  }

  return problems;
}

function view(at: RawEntry): EntryView {
  const object =
    at.raw && typeof at.raw === "object" && !Array.isArray(at.raw) ? (at.raw as Record<string, unknown>) : {};
  const id = typeof object.id === "string" && object.id ? object.id : undefined;
  return { at, id, field: (name) => object[name] };
}

function stringsOf(list: unknown): { value: string; index: number }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value: unknown, index) => (typeof value === "string" ? [{ value, index }] : []));
}

/**
 * The form of a name used to compare aliases: case, width, spaces and hyphens do not make two
 * names different ("Mixture-of-Experts" and "mixture of experts" are one alias).
 */
export function nameKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\-_‐‑–—·・]+/g, " ")
    .trim();
}

/** Each cycle once, as ids in prerequisite order starting from the earliest entry in the pack. */
function findPrerequisiteCycles(views: EntryView[], byId: Map<string, EntryView>): string[][] {
  const state = new Map<string, "active" | "done">();
  const stack: string[] = [];
  const cycles: string[][] = [];
  const seenCycles = new Set<string>();
  const order = new Map([...byId.keys()].map((id, i) => [id, i]));

  const visit = (id: string) => {
    state.set(id, "active");
    stack.push(id);
    for (const { value: next } of stringsOf(byId.get(id)?.field("prerequisites"))) {
      if (next === id || !byId.has(next)) continue; // reported as self or unknown references
      const nextState = state.get(next);
      if (nextState === "active") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(" ");
        if (!seenCycles.has(key)) {
          seenCycles.add(key);
          cycles.push(rotateToEarliest(cycle, order));
        }
      } else if (nextState === undefined) {
        visit(next);
      }
    }
    stack.pop();
    state.set(id, "done");
  };

  for (const entry of views) if (entry.id && !state.has(entry.id)) visit(entry.id);
  return cycles;
}

function rotateToEarliest(cycle: string[], order: Map<string, number>): string[] {
  let best = 0;
  cycle.forEach((id, i) => {
    if ((order.get(id) ?? 0) < (order.get(cycle[best] ?? "") ?? 0)) best = i;
  });
  return [...cycle.slice(best), ...cycle.slice(0, best)];
}

/** The known id nearest to a mistyped one, when it is near enough to be a likely typo. */
function closestId(wanted: string, ids: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const id of ids) {
    const distance = editDistance(wanted, id);
    if (distance < bestDistance) {
      best = id;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(wanted.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitute));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
