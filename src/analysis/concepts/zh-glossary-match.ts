import type { Glossary } from "../types.js";
import { surfaceKey, type ZhAtom, type ZhToken } from "./zh-atoms.js";
import { isChineseFunctionWord } from "./zh-stopwords.js";

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
  for (let i = 0; i < text.length; i++) {
    // Per character, so indices stay those of the original text.
    const c = (text[i] as string).toLowerCase();
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

/**
 * Replaces the atoms a glossary name covers with one atom carrying the pack entry, so the name
 * is counted whole. A short Chinese name (two characters) must fall on the segmenter's word
 * boundaries (分词 is not a name inside 部分|词); a longer one may cut a segmenter word.
 */
export function applyGlossarySpans(tokens: ZhToken[], spans: GlossarySpan[], segmentText: string): ZhToken[] {
  if (spans.length === 0) return tokens;
  const rest = tokens.slice();
  const out: ZhToken[] = [];
  let i = 0;
  for (const span of spans) {
    while (i < rest.length && (rest[i] === null || (rest[i] as ZhAtom).end <= span.start)) out.push(rest[i++] ?? null);
    let k = -1;
    for (let j = i; j < rest.length; j++) {
      const t = rest[j];
      if (t === null || t === undefined) continue;
      if (t.start >= span.end) break;
      k = j;
    }
    if (k < i) continue;
    const first = rest[i] as ZhAtom;
    const last = rest[k] as ZhAtom;
    const cutsFirst = first.start < span.start;
    const cutsLast = last.end > span.end;
    const mayCut = span.chineseChars > 2;
    if ((cutsFirst && (first.latin || !mayCut)) || (cutsLast && (last.latin || !mayCut))) continue;
    // A short name next to a lone character is likely part of a word the segmenter cut apart
    // (超|参数 is 超参数, not 参数).
    if (!mayCut && span.chineseChars > 0 && (isLone(previousAtom(rest, i)) || isLone(nextAtom(rest, k)))) continue;
    if (cutsFirst) out.push(piece(first.start, span.start, segmentText));
    const text = segmentText.slice(span.start, span.end);
    out.push({
      text,
      key: surfaceKey(text),
      start: span.start,
      end: span.end,
      latin: /[\p{Script=Latin}\p{Nd}]/u.test(text),
      joiner: false,
      packEntryId: span.packEntryId,
    });
    if (cutsLast) {
      rest[k] = piece(span.end, last.end, segmentText);
      i = k;
    } else {
      i = k + 1;
    }
  }
  while (i < rest.length) out.push(rest[i++] ?? null);
  return out;
}

function previousAtom(tokens: ZhToken[], i: number): ZhAtom | null {
  return tokens[i - 1] ?? null;
}

function nextAtom(tokens: ZhToken[], k: number): ZhAtom | null {
  return tokens[k + 1] ?? null;
}

/** A one-character Chinese word that is not a function word (的, 在 are words of their own). */
function isLone(atom: ZhAtom | null): boolean {
  return atom !== null && !atom.latin && atom.text.length === 1 && !atom.joiner && !isChineseFunctionWord(atom.key);
}

/** Part of a Chinese atom left over when a glossary name cuts it. */
function piece(start: number, end: number, segmentText: string): ZhAtom {
  const text = segmentText.slice(start, end);
  return { text, key: text, start, end, latin: false, joiner: false };
}
