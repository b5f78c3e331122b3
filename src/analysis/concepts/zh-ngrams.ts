import type { ZhAtom } from "./zh-atoms.js";
import { isChineseFunctionWord, ZH_GENERIC_PREDICATES, ZH_NEVER_INSIDE, ZH_NEVER_LAST } from "./zh-stopwords.js";

/**
 * Rebuilds the multi-word terms Intl.Segmenter cuts apart (路|由|器, 强化|学习, 多|头|潜在|注意力)
 * from statistics over the whole episode: a sequence of adjacent words is a term when it recurs,
 * its words stick together far more than chance (pointwise mutual information at its weakest
 * split) and it is free at both ends (varied neighbours: 潜在注意力, always after 多头, is only a
 * fragment of 多头潜在注意力).
 */

/** Tuning of the rebuild; the defaults suit a podcast episode (10k to 200k characters). */
export interface TermRebuildOptions {
  /** Longest sequence considered, in segmenter words. */
  maxAtoms: number;
  /** Longest sequence considered, in characters of its key. */
  maxChars: number;
  /** A sequence must occur at least this often. */
  minCount: number;
  /** Minimum PMI (log2) between the two parts at its weakest split. */
  minPmi: number;
  /** A neighbour word (not a function word) that precedes or follows more than this share marks a fragment. */
  maxNeighbourShare: number;
}

export const DEFAULT_TERM_REBUILD: TermRebuildOptions = {
  maxAtoms: 6,
  maxChars: 16,
  minCount: 2,
  minPmi: 4,
  maxNeighbourShare: 0.6,
};

/** What the statistics learned: how to cut a run of atoms into terms and single words. */
export interface TermLexicon {
  /** The run cut into units, left to right, longest known term first; each unit is 1+ atoms. */
  split(chunk: readonly ZhAtom[]): ZhAtom[][];
  /** The weakest-split PMI of a rebuilt term (by its atoms), or null when the atoms are not one. */
  cohesion(atoms: readonly ZhAtom[]): number | null;
  /** Why a sequence of atoms is or is not a term (for quality reports and tuning). */
  explain(atoms: readonly ZhAtom[]): TermEvidence;
}

/** The statistics behind one decision. */
export interface TermEvidence {
  count: number;
  wellFormed: boolean;
  /** Weakest-split PMI, when the sequence is well formed and recurs. */
  pmi: number | null;
  /** Distinct neighbours on each side (run edges count one each). */
  left: number;
  right: number;
  fragment: boolean;
  accepted: boolean;
}

interface Neighbours {
  count: number;
  left: Map<number, number>;
  right: Map<number, number>;
  /** Occurrences at the edge of a run (a pause, punctuation, a function word): each counts as a distinct neighbour. */
  leftEdge: number;
  rightEdge: number;
}

/** Learns the episode's rebuilt terms from all its runs of atoms (see the module comment). */
export function learnTermLexicon(
  chunks: readonly (readonly ZhAtom[])[],
  options: TermRebuildOptions = DEFAULT_TERM_REBUILD,
): TermLexicon {
  const ids = new Map<string, number>();
  const props: AtomProps[] = [];
  for (const chunk of chunks) {
    for (const a of chunk) {
      const k = internKey(a);
      if (ids.has(k)) continue;
      ids.set(k, ids.size);
      props.push(atomProps(a));
    }
  }
  // Each atom becomes one UTF-16 unit (two past 65,535 distinct words): a sequence's key is a slice.
  const width = ids.size > 0xffff ? 2 : 1;
  const encode = (chunk: readonly ZhAtom[]): { code: string; ids: number[] } => {
    const idList = chunk.map((a) => ids.get(internKey(a)) ?? -1);
    let code = "";
    for (const id of idList) {
      code += width === 1 ? String.fromCharCode(id) : String.fromCharCode(id >>> 16, id & 0xffff);
    }
    return { code, ids: idList };
  };
  const encoded = chunks.map(encode);

  // Pass 1: how often every word, and every sequence of up to maxAtoms words a term may contain,
  // occurs (never across a glossary name): these counts are all the PMI needs. Longer sequences
  // are counted only where both shorter ones inside recur, so rare text never fills the table.
  const single = new Uint32Array(ids.size);
  const freq = new Map<string, number>();
  let total = 0;
  for (const { ids: idList } of encoded) {
    total += idList.length;
    for (const id of idList) single[id] = (single[id] ?? 0) + 1;
  }
  for (let n = 2; n <= options.maxAtoms; n++) {
    for (const { code, ids: idList } of encoded) {
      for (let i = 0; i + n <= idList.length; i++) {
        let chars = 0;
        let fits = true;
        for (let k = i; k < i + n && fits; k++) {
          const p = props[idList[k] as number];
          fits = p?.inside === true;
          chars += p?.chars ?? 0;
        }
        if (!fits || chars > options.maxChars) continue;
        const key = code.slice(i * width, (i + n) * width);
        if (n > 2) {
          const shorter = (freq.get(key.slice(0, -width)) ?? 0) >= options.minCount;
          if (!shorter || (freq.get(key.slice(width)) ?? 0) < options.minCount) continue;
        }
        freq.set(key, (freq.get(key) ?? 0) + 1);
      }
    }
  }
  const countOf = (key: string): number =>
    key.length === width ? (single[decode(key, width)[0] as number] ?? 0) : (freq.get(key) ?? 0);

  // Pass 2: sequences that recur, have proper edges and stick together.
  const pmiOf = new Map<string, number>();
  for (const [key, count] of freq) {
    const n = key.length / width;
    if (n < 2 || count < options.minCount) continue;
    const seq = decode(key, width);
    if (!wellFormed(seq, props, options)) continue;
    let weakest = Number.POSITIVE_INFINITY;
    for (let k = 1; k < n; k++) {
      const left = countOf(key.slice(0, k * width)) || count;
      const right = countOf(key.slice(k * width)) || count;
      weakest = Math.min(weakest, Math.log2((count * total) / (left * right)));
    }
    if (weakest >= options.minPmi) pmiOf.set(key, weakest);
  }

  // Pass 3: the neighbours of those sequences, to keep the free ones and drop fragments.
  const around = new Map<string, Neighbours>();
  for (const [c, chunk] of chunks.entries()) {
    const { code, ids: idList } = encoded[c] as { code: string; ids: number[] };
    for (let i = 0; i < chunk.length; i++) {
      if (!props[idList[i] as number]?.first) continue;
      for (let n = 2; n <= options.maxAtoms && i + n <= chunk.length; n++) {
        const lastId = idList[i + n - 1] as number;
        if (!props[lastId]?.inside) break;
        const key = code.slice(i * width, (i + n) * width);
        // Rare here, rarer when longer: no term starts at i from this length on.
        if ((freq.get(key) ?? 0) < options.minCount) break;
        if (!canEnd(props, idList[i + n - 2] as number, lastId) || !pmiOf.has(key)) continue;
        let nb = around.get(key);
        if (!nb) {
          nb = { count: 0, left: new Map(), right: new Map(), leftEdge: 0, rightEdge: 0 };
          around.set(key, nb);
        }
        nb.count++;
        // A function word next to it is a phrase boundary, as good as a pause (的基础模型, 一个聊天机器人).
        const before = i === 0 ? -1 : (idList[i - 1] as number);
        const after = i + n === chunk.length ? -1 : (idList[i + n] as number);
        if (before < 0 || props[before]?.fn) nb.leftEdge++;
        else tally(nb.left, before);
        if (after < 0 || props[after]?.fn) nb.rightEdge++;
        else tally(nb.right, after);
      }
    }
  }
  const accepted = new Map<string, number>();
  const fragments = new Set<string>();
  const enc = (id: number): string =>
    width === 1 ? String.fromCharCode(id) : String.fromCharCode(id >>> 16, id & 0xffff);
  for (const [key, nb] of around) {
    const left = dominant(nb.left, nb.count, props, options);
    const right = dominant(nb.right, nb.count, props, options);
    // Mostly said next to the same word: a fragment, unless that longer sequence is a term itself
    // (then both are kept and the longest match wins where they overlap: 拜登 and 拜登政府).
    const fragment = (left !== null && !pmiOf.has(enc(left) + key)) || (right !== null && !pmiOf.has(key + enc(right)));
    if (fragment) fragments.add(key);
    if (!fragment && nb.left.size + nb.leftEdge >= 2 && nb.right.size + nb.rightEdge >= 2) {
      accepted.set(key, pmiOf.get(key) ?? 0);
    }
  }

  let longest = 0;
  for (const key of accepted.keys()) longest = Math.max(longest, key.length / width);

  const keyOf = (atoms: readonly ZhAtom[]): string | null => {
    let key = "";
    for (const a of atoms) {
      const id = ids.get(internKey(a));
      if (id === undefined) return null;
      key += width === 1 ? String.fromCharCode(id) : String.fromCharCode(id >>> 16, id & 0xffff);
    }
    return key;
  };

  return {
    split(chunk) {
      const units: ZhAtom[][] = [];
      const key = keyOf(chunk);
      let i = 0;
      while (i < chunk.length) {
        let take = 1;
        const id = ids.get(internKey(chunk[i] as ZhAtom));
        if (key !== null && id !== undefined && props[id]?.first) {
          // A term holds only words a term may contain: look no further than the first that is not one.
          let room = 1;
          while (
            room < longest &&
            i + room < chunk.length &&
            props[ids.get(internKey(chunk[i + room] as ZhAtom)) ?? -1]?.inside
          ) {
            room++;
          }
          for (let n = room; n >= 2; n--) {
            if (accepted.has(key.slice(i * width, (i + n) * width))) {
              take = n;
              break;
            }
          }
        }
        units.push(chunk.slice(i, i + take));
        i += take;
      }
      return units;
    },
    cohesion(atoms) {
      const key = keyOf(atoms);
      return key === null ? null : (accepted.get(key) ?? null);
    },
    explain(atoms) {
      const key = keyOf(atoms) ?? "";
      const nb = around.get(key);
      return {
        count: key === "" ? 0 : countOf(key),
        wellFormed: key !== "" && atoms.length > 1 && wellFormed(decode(key, width), props, options),
        pmi: pmiOf.get(key) ?? null,
        left: nb ? nb.left.size + nb.leftEdge : 0,
        right: nb ? nb.right.size + nb.rightEdge : 0,
        fragment: fragments.has(key),
        accepted: accepted.has(key),
      };
    },
  };
}

/** A glossary name is a different word from the same text said inside an unknown word (参数 in 超参数). */
function internKey(a: ZhAtom): string {
  return a.packEntryId ? `\u0002${a.key}` : a.key;
}

interface AtomProps {
  /** May begin a term. */
  first: boolean;
  /** May end a term. */
  last: boolean;
  /** May sit inside a term. */
  inside: boolean;
  fn: boolean;
  /** A function character that also ends words the segmenter cuts apart (用, 由). */
  wordEnd: boolean;
  chars: number;
}

const WORD_ENDING_FUNCTION_CHARS = new Set(["用", "由", "以", "为"]);

function atomProps(a: ZhAtom): AtomProps {
  const fn = !a.latin && isChineseFunctionWord(a.key);
  const digits = /^[\d.,%]+$/.test(a.key);
  const edge = !fn && !digits && !a.joiner && !a.packEntryId;
  const predicate = a.key.length > 1 && ZH_GENERIC_PREDICATES.has(a.key);
  return {
    // An everyday verb or adjective of two or more characters begins or ends phrases, not terms
    // (制造芯片, 进行微调, 建立数据中心, 人们喜欢).
    first: edge && !predicate,
    // A term neither starts nor ends with a function word, a bare number or a middle dot, nor ends
    // with a localiser (模型中).
    last: edge && !predicate && !ZH_NEVER_LAST.has(a.key),
    // Nor contains a particle or a glued function word (我的, 可能是); a glossary name stays alone.
    inside: !ZH_NEVER_INSIDE.has(a.key) && !(fn && a.key.length > 1) && !a.packEntryId,
    fn,
    wordEnd: WORD_ENDING_FUNCTION_CHARS.has(a.key),
    chars: a.key.length,
  };
}

function decode(key: string, width: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < key.length; i += width) {
    out.push(width === 1 ? key.charCodeAt(i) : key.charCodeAt(i) * 0x10000 + key.charCodeAt(i + 1));
  }
  return out;
}

function wellFormed(seq: number[], props: AtomProps[], options: TermRebuildOptions): boolean {
  if (!props[seq[0] as number]?.first) return false;
  if (!canEnd(props, seq[seq.length - 2] as number, seq[seq.length - 1] as number)) return false;
  let chars = 0;
  for (const id of seq) {
    const p = props[id];
    if (!p?.inside) return false;
    chars += p.chars;
  }
  return chars <= options.maxChars;
}

/**
 * Whether a sequence may end with `lastId` after `prevId`. A few one-character function words may
 * end it after a lone character: the segmenter cut an unknown word there (调|用 in 函数调用, 路|由).
 */
function canEnd(props: AtomProps[], prevId: number, lastId: number): boolean {
  const last = props[lastId];
  if (!last) return false;
  if (last.last) return true;
  const prev = props[prevId];
  return last.wordEnd && prev !== undefined && prev.chars === 1 && !prev.fn;
}

function tally(map: Map<number, number>, id: number): void {
  map.set(id, (map.get(id) ?? 0) + 1);
}

/** The content word (not a function word) that takes most of the neighbours on one side, if any. */
function dominant(
  neighbours: Map<number, number>,
  count: number,
  props: { fn: boolean }[],
  options: TermRebuildOptions,
): number | null {
  for (const [id, n] of neighbours) {
    if (!props[id]?.fn && n > options.maxNeighbourShare * count) return id;
  }
  return null;
}
