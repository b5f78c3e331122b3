import type { AcronymLink } from "./aliases.js";
import type { TermCandidate } from "./candidate.js";
import { specificity, zipf } from "./common-words.js";
import { lemma, singular, variantKey } from "./variants.js";

/**
 * Which candidates name one concept: an acronym and its expansion, the written variants of a name,
 * derivations of one word, a pack entry's forms, a speaker's first and full name, a name with a
 * head that only says its class ("MoE models", "attention mechanism"), a release and its family,
 * a modifier said for the phrase it starts ("hierarchical" for "hierarchical planning"). Fewer,
 * fuller concepts: the top of the list holds more distinct ideas.
 */

/** A single word this specific (Zipf about 3.6 or rarer) shares a concept with its derivations. */
const LEMMA_SPECIFICITY = 0.5;
/** How an adjective or a participle ends: the last word of a phrase that modifies another. */
const MODIFIER_ENDING = /(?:ed|ive|al|ic|ous|ent|ant|ary|ful|able|ible)$/i;
/** A word at least this specific (Zipf about 4.2 or rarer) may be short for the phrase it starts. */
const MODIFIER_SPECIFICITY = 0.3;

/** What grouping needs besides the candidates. */
export interface GroupingContext {
  /** Acronyms linked to their expansions; the expansions are the nodes from `expansionsFrom` on. */
  links: AcronymLink[];
  expansionsFrom: number;
  /** The pack entry of each node, or null. */
  packOf: (string | null)[];
  speakers: string[];
}

/**
 * The concepts as lists of node indexes (each list in index order), and which nodes are an
 * acronym or an expansion linked to one. May drop a merged modifier's occurrences that belong to
 * other phrases (see `unionModifiers`).
 */
export function groupCandidates(
  nodes: TermCandidate[],
  ctx: GroupingContext,
): { members: number[][]; acronymLinked: Map<number, "acronym" | "expansion"> } {
  // Two concepts the pack tells apart stay apart, however a rule below would join them.
  const groups = new UnionFind(ctx.packOf);
  // Acronym and expansion nodes: the expansion (by index) names the concept's key.
  const acronymLinked = new Map<number, "acronym" | "expansion">();
  for (const [n, link] of ctx.links.entries()) {
    groups.union(link.acronym, ctx.expansionsFrom + n);
    acronymLinked.set(link.acronym, "acronym");
    acronymLinked.set(ctx.expansionsFrom + n, "expansion");
  }
  unionExpansionTails(nodes, groups, ctx.links, ctx.expansionsFrom);
  unionBy(nodes, groups, (c) => variantKey(c.surface));
  unionBy(nodes, groups, lemmaKey);
  unionBy(nodes, groups, (_c, i) => ctx.packOf[i] ?? null);
  unionSpeakerNames(nodes, groups, ctx.speakers);
  unionModelHeads(nodes, groups);
  unionVersions(nodes, groups);
  unionModifiers(nodes, groups);
  const members = new Map<number, number[]>();
  for (let i = 0; i < nodes.length; i++) {
    const root = groups.find(i);
    const list = members.get(root) ?? [];
    list.push(i);
    members.set(root, list);
  }
  return { members: [...members.values()], acronymLinked };
}

/**
 * "Language models" is the LLM of "large language models", "human feedback" the HF of
 * "reinforcement learning from human feedback": a phrase that ends an acronym's expansion (two
 * words or more) names the same idea, when only one acronym's expansion ends that way.
 */
function unionExpansionTails(nodes: TermCandidate[], groups: UnionFind, links: AcronymLink[], offset: number): void {
  const owner = new Map<string, number | null>();
  for (const [n, link] of links.entries()) {
    const words = link.expansion.surface.split(/\s+/);
    for (let k = 2; k < words.length; k++) {
      const key = variantKey(words.slice(words.length - k).join(" "));
      const seen = owner.get(key);
      owner.set(key, seen === undefined || seen === offset + n ? offset + n : null);
    }
  }
  for (const [i, c] of nodes.entries()) {
    const j = owner.get(variantKey(c.surface));
    if (j !== undefined && j !== null && j !== i) groups.union(i, j);
  }
}

/** Join the candidates that share a key. */
function unionBy(
  nodes: TermCandidate[],
  groups: UnionFind,
  keyOf: (c: TermCandidate, i: number) => string | null,
): void {
  const first = new Map<string, number>();
  for (const [i, c] of nodes.entries()) {
    const k = keyOf(c, i);
    if (k === null || k.length === 0) continue;
    const j = first.get(k);
    if (j === undefined) first.set(k, i);
    else groups.union(i, j);
  }
}

/**
 * "MoE models" and "text diffusion models" are MoE and text diffusion: "models" adds nothing to a
 * name that is an acronym or a phrase. ("Reasoning models" stays: "reasoning" alone is another idea.)
 * Nor does a head that only says what class of thing the idea is ("attention mechanism",
 * "transformer architecture", "contrastive methods"), whatever the name before it.
 */
function unionModelHeads(nodes: TermCandidate[], groups: UnionFind): void {
  const byKey = new Map<string, number>();
  const anyByKey = new Map<string, number>();
  for (const [i, c] of nodes.entries()) {
    const k = variantKey(c.surface);
    if (c.isAcronym || /[\s-]/.test(c.surface)) byKey.set(k, i);
    if (!anyByKey.has(k)) anyByKey.set(k, i);
  }
  for (const [i, c] of nodes.entries()) {
    const head = /^(.+?)[\s-]+models?$/i.exec(c.surface);
    const j = head?.[1] ? byKey.get(variantKey(head[1])) : undefined;
    if (j !== undefined && j !== i) groups.union(i, j);
    const named = CLASS_HEAD.exec(c.surface);
    const k = named?.[1] ? anyByKey.get(variantKey(named[1])) : undefined;
    if (k !== undefined && k !== i) groups.union(i, k);
  }
}

/** Heads that name the class of an idea, not another idea. */
const CLASS_HEAD =
  /^(.+?)\s+(?:mechanisms?|architectures?|methods?|approach(?:es)?|techniques?|algorithms?|frameworks?|libraries|library|platforms?|systems?|paradigms?)$/i;

/**
 * A word (or phrase) said mostly as the start of one longer phrase is that phrase's modifier:
 * "hierarchical" (16 times, 11 of them in "hierarchical planning"), "KV" in "KV cache",
 * "self supervised" in "self supervised learning". Said alone it is short for the phrase, so the two
 * are one concept; its occurrences inside other phrases ("hierarchical representation") are not the
 * phrase's and are dropped. An everyday word ("open" in "open source") and a name ("Claude" in
 * "Claude Code") stay apart.
 */
function unionModifiers(nodes: TermCandidate[], groups: UnionFind): void {
  const phraseOf = new Map<string, number>();
  for (const [i, c] of nodes.entries()) {
    const words = c.surface.split(" ");
    // A title's phrase is not said as such: no word said is short for it.
    if (words.length < 2 || c.titled) continue;
    const prefix = words.slice(0, -1).join(" ").toLowerCase();
    const j = phraseOf.get(prefix);
    if (j === undefined || (nodes[j] as TermCandidate).occurrences.length < c.occurrences.length)
      phraseOf.set(prefix, i);
  }
  const merges: [number, number][] = [];
  for (const [i, c] of nodes.entries()) {
    const single = !/\s/.test(c.surface);
    if (single && !c.isAcronym && specificity(c.surface) < MODIFIER_SPECIFICITY) continue;
    // A phrase is a modifier only when it ends like one ("self supervised", "energy based"):
    // "instruction fine-tuning" is a term of its own, not short for "instruction fine-tuning data".
    if (!single && !MODIFIER_ENDING.test(c.surface)) continue;
    const j = phraseOf.get(c.surface.toLowerCase());
    if (j === undefined) continue;
    const phrase = nodes[j] as TermCandidate;
    if (c.isName && !c.isAcronym) continue;
    if (phrase.occurrences.length >= 2 && phrase.occurrences.length * 2 >= c.occurrences.length) merges.push([i, j]);
  }
  if (merges.length === 0) return;
  const phraseSpans = new Map<number, { start: number; end: number; node: number }[]>();
  for (const [k, c] of nodes.entries()) {
    if (!/\s/.test(c.surface)) continue;
    for (const o of c.occurrences) {
      const list = phraseSpans.get(o.segmentId) ?? [];
      list.push({ start: o.start, end: o.end, node: k });
      phraseSpans.set(o.segmentId, list);
    }
  }
  for (const [i, j] of merges) {
    const part = nodes[i] as TermCandidate;
    part.occurrences = part.occurrences.filter((o) => {
      const around = (phraseSpans.get(o.segmentId) ?? []).filter(
        (p) => p.node !== i && p.start <= o.start && p.end >= o.end,
      );
      return around.length === 0 || around.some((p) => p.node === j);
    });
    groups.union(i, j);
  }
}

/**
 * Derivations of one word are one concept: "distill" and "distillation", "fine-tune" and
 * "fine-tuning", "reward model" and "reward modeling". A single everyday word keeps its own
 * meanings apart ("reasoning" is not "reason", "coding" not "code"); names never change form.
 */
function lemmaKey(c: TermCandidate): string | null {
  if (c.isName || c.isAcronym) return null;
  const words = c.surface.toLowerCase().split(" ");
  const last = words.at(-1) ?? "";
  const cut = last.lastIndexOf("-") + 1;
  const part = singular(last.slice(cut));
  const stem = lemma(part, (w) => zipf(w) >= 2);
  if (words.length === 1 && cut === 0 && specificity(stem) < LEMMA_SPECIFICITY) return null;
  return `${[...words.slice(0, -1), last.slice(0, cut) + stem].join(" ").replace(/[-\s]+/g, "")}#lemma`;
}

/**
 * "Qwen 3", "OLMo 3", "Grok 4" are releases of the family the episode also names alone (Qwen,
 * OLMo, Grok): one concept to learn. Joined versions ("GPT-5", "DeepSeek-V3", "o1") are models
 * of their own and stay apart, but their point releases ("GPT-5.2") are theirs.
 */
function unionVersions(nodes: TermCandidate[], groups: UnionFind): void {
  const byKey = new Map<string, number>();
  for (const [i, c] of nodes.entries()) byKey.set(variantKey(c.surface), i);
  for (const [i, c] of nodes.entries()) {
    const family = /^(\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?)\s+[\d.]+$/u.exec(c.surface);
    // A point release is its major version: "GPT-5.2" is GPT-5, "DeepSeek-V3.2" DeepSeek-V3.
    const major = /^(\S*\p{L}\S*?\d+)\.\d+$/u.exec(c.surface);
    for (const base of [family?.[1], major?.[1]]) {
      const j = base ? byKey.get(variantKey(base)) : undefined;
      if (j !== undefined && j !== i) groups.union(i, j);
    }
  }
}

/** "Nathan", "Lambert" and "Nathan Lambert" are one person when Nathan Lambert is a speaker. */
function unionSpeakerNames(nodes: TermCandidate[], groups: UnionFind, speakers: string[]): void {
  const partOwners = new Map<string, Set<string>>();
  for (const s of speakers) {
    for (const part of [s, ...s.split(/\s+/)]) {
      const k = part.toLowerCase();
      if (k.length < 2) continue;
      const owners = partOwners.get(k) ?? new Set();
      owners.add(s);
      partOwners.set(k, owners);
    }
  }
  const bySpeaker = new Map<string, number>();
  for (const [i, c] of nodes.entries()) {
    if (!c.isName) continue;
    const owners = partOwners.get(c.surface.toLowerCase());
    // A first name two speakers share names neither.
    const speaker = owners?.size === 1 ? [...owners][0] : undefined;
    if (speaker === undefined) continue;
    const j = bySpeaker.get(speaker);
    if (j === undefined) bySpeaker.set(speaker, i);
    else groups.union(i, j);
  }
}

/**
 * Disjoint sets over candidate indexes, each set with at most one label (a pack entry id): a
 * union that would give a set two labels is refused.
 */
class UnionFind {
  private readonly parent: number[];
  private readonly label: (string | null)[];
  constructor(labels: (string | null)[]) {
    this.parent = labels.map((_, i) => i);
    this.label = [...labels];
  }
  find(i: number): number {
    let r = i;
    while ((this.parent[r] ?? r) !== r) r = this.parent[r] ?? r;
    let c = i;
    while (c !== r) {
      const next = this.parent[c] ?? r;
      this.parent[c] = r;
      c = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    const la = this.label[ra] ?? null;
    const lb = this.label[rb] ?? null;
    if (la !== null && lb !== null && la !== lb) return;
    const root = Math.min(ra, rb);
    this.parent[Math.max(ra, rb)] = root;
    this.label[root] = la ?? lb;
  }
}
