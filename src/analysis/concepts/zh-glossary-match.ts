import type { Glossary } from "../types.js";

/** A glossary name found in a text: its span (end exclusive) and the pack entry it names. */
export interface GlossarySpan {
  start: number;
  end: number;
  packEntryId: string;
  /** Chinese characters in the matched name (short Chinese names must fall on word boundaries). */
  chineseChars: number;
}

interface TrieNode {
  next: Map<string, TrieNode>;
  entryId?: string;
  chineseChars?: number;
}

/** Finds the glossary's names in sentences, longest name first. */
export interface GlossaryMatcher {
  /** Non-overlapping matches in `text`, left to right; spans are shifted by `offset`. */
  find(text: string, offset: number): GlossarySpan[];
}

const LATIN_ALNUM = /[\p{Script=Latin}\p{Nd}]/u;
const CJK_CHAR = /[\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
/** Ignored when matching, so "KV 缓存", "KV缓存", "DeepSeek-R1" and "DeepSeek R1" all match. */
const IGNORED = /[\s\-_·・‧]/u;

/**
 * A matcher over the Chinese and English names of the glossary's terms, models, organisations and
 * people (debates are positions, not names said in a transcript). Display names win over aliases
 * when two entries share a name. Latin names match whole words only, case-insensitively.
 */
export function glossaryMatcher(glossary: Glossary): GlossaryMatcher {
  const root: TrieNode = { next: new Map() };
  const entries = glossary.entries.filter((e) => e.kind !== "debate");
  const byRank: { name: string; id: string }[] = [];
  const maxAliases = Math.max(0, ...entries.map((e) => e.names.zh.length + e.names.en.length));
  // Display names of every entry first, then first aliases, and so on: earlier registrations win.
  for (let rank = 0; rank < maxAliases; rank++) {
    for (const e of entries) {
      const zh = e.names.zh[rank];
      const en = e.names.en[rank];
      if (zh) byRank.push({ name: zh, id: e.id });
      if (en) byRank.push({ name: en, id: e.id });
    }
  }
  for (const { name, id } of byRank) insert(root, name, id);
  return { find: (text, offset) => findAll(root, text, offset) };
}

function insert(root: TrieNode, name: string, id: string): void {
  const chars = [...name.toLowerCase()].filter((c) => !IGNORED.test(c));
  // One Latin letter or one Chinese character is too ambiguous to be a name in running text.
  if (chars.length < 2) return;
  let node = root;
  for (const c of chars) {
    let child = node.next.get(c);
    if (!child) {
      child = { next: new Map() };
      node.next.set(c, child);
    }
    node = child;
  }
  if (node.entryId === undefined) {
    node.entryId = id;
    node.chineseChars = chars.filter((c) => CJK_CHAR.test(c)).length;
  }
}

function findAll(root: TrieNode, text: string, offset: number): GlossarySpan[] {
  // The text without the ignored characters, lower-cased, with each character's original index.
  const chars: string[] = [];
  const at: number[] = [];
  const lower = text.toLowerCase();
  for (let i = 0; i < lower.length; i++) {
    const c = lower[i] as string;
    if (IGNORED.test(c)) continue;
    chars.push(c);
    at.push(i);
  }
  const out: GlossarySpan[] = [];
  let p = 0;
  while (p < chars.length) {
    const startIdx = at[p] as number;
    let best: { q: number; node: TrieNode } | null = null;
    if (!(isAlnum(chars[p]) && isAlnum(text[startIdx - 1]))) {
      let node: TrieNode | undefined = root;
      for (let q = p; q < chars.length && node; q++) {
        node = node.next.get(chars[q] as string);
        if (node?.entryId !== undefined) {
          const endIdx = (at[q] as number) + 1;
          if (!(isAlnum(chars[q]) && isAlnum(text[endIdx]))) best = { q, node };
        }
      }
    }
    if (best) {
      out.push({
        start: offset + startIdx,
        end: offset + (at[best.q] as number) + 1,
        packEntryId: best.node.entryId as string,
        chineseChars: best.node.chineseChars ?? 0,
      });
      p = best.q + 1;
    } else {
      p++;
    }
  }
  return out;
}

function isAlnum(c: string | undefined): boolean {
  return c !== undefined && LATIN_ALNUM.test(c);
}
