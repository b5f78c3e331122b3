import { hasCjk } from "../../core/index.js";
import type {
  AnalysisInput,
  ConceptKind,
  ConceptMention,
  ExtractedConcept,
  Glossary,
  GlossaryEntry,
} from "../types.js";
import { linkAcronyms } from "./aliases.js";
import type { TermCandidate } from "./candidate.js";
import { englishTermCandidates, isModelLikeToken } from "./candidates-en.js";
import { chineseTermCandidates } from "./candidates-zh.js";
import { definitionContext, findDefinitions } from "./definitions.js";
import { caseMatches, type GlossaryIndex, indexGlossary } from "./glossary-index.js";
import { specificity, zipf } from "./common-words.js";
import { conceptKind, isSpeakerName, kindCues } from "./kind.js";
import { conceptScore } from "./rank.js";
import { type TokenisedSegment, tokeniseSegments } from "./tokens.js";
import { burstiness, contextDensity, verbShare } from "./usage.js";
import { lemma, singular, variantKey } from "./variants.js";

export type { TermCandidate } from "./candidate.js";

/** The most concepts returned; the tail beyond is noise no learner reads. */
const MAX_CONCEPTS = 300;
/** Below this termhood a candidate that is no name and no pack entry is not drafted at all. */
const MIN_TERMHOOD = 0.3;
/** A single word this specific (Zipf about 3.6 or rarer) shares a concept with its derivations. */
const LEMMA_SPECIFICITY = 0.5;
/** How an adjective or a participle ends: the last word of a phrase that modifies another. */
const MODIFIER_ENDING = /(?:ed|ive|al|ic|ous|ent|ant|ary|ful|able|ible)$/i;
/** A word at least this specific (Zipf about 4.2 or rarer) may be short for the phrase it starts. */
const MODIFIER_SPECIFICITY = 0.3;
/** A concept this term-like (or an acronym with its expansion, or a pack entry) makes its neighbours' talk technical. */
const STRONG_TERMHOOD = 0.65;
/** Concepts given definitions and a final score: the best by a first score, plus all the glossary knows. */
const SHORTLIST = 400;

/**
 * The concepts of an episode, ranked by how much a learner needs them (best first): technical
 * terms, models, organisations and people, each with its aliases (acronym and expansion, plural
 * and hyphen variants, the glossary's names in both languages), its kind, every mention (segment,
 * time, character span) and the sentences that define or explain it, best first. Works on any
 * topic without a glossary; with one, names, kinds and ids come from the pack.
 */
export function extractConcepts(input: AnalysisInput, glossary?: Glossary): ExtractedConcept[] {
  const tokenised = tokeniseSegments(input.segments);
  const glossaryIndex = indexGlossary(glossary);
  const titleKeys = titlePhrases([input.title, ...input.chapters.map((c) => c.title)]);
  // A name the publisher put in a title is a topic even when the speakers say it once ("Joscha Bach").
  const keep = new Set([...glossaryIndex.englishKeys, ...titleKeys]);
  const english = englishTermCandidates(tokenised, { keep });
  const links = linkAcronyms(english, tokenised);
  const chinese = input.segments.some((s) => hasCjk(s.text)) ? chineseTermCandidates(input.segments, glossary) : [];
  const nodes: TermCandidate[] = [...english, ...links.map((l) => l.expansion), ...chinese];
  const packOf = linkToGlossary(nodes, glossaryIndex, input);
  const groups = new UnionFind(nodes.length);
  // Acronym and expansion nodes: the expansion (by index) names the concept's key.
  const acronymLinked = new Map<number, "acronym" | "expansion">();
  for (const [n, link] of links.entries()) {
    groups.union(link.acronym, english.length + n);
    acronymLinked.set(link.acronym, "acronym");
    acronymLinked.set(english.length + n, "expansion");
  }
  unionBy(nodes, groups, (c) => variantKey(c.surface));
  unionBy(nodes, groups, lemmaKey);
  unionBy(nodes, groups, (_c, i) => packOf[i] ?? null);
  unionSpeakerNames(nodes, groups, input.speakers);
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
  const byId = new Map(tokenised.map((t) => [t.segment.id, t]));
  const position = new Map(input.segments.map((s, i) => [s.id, i / Math.max(1, input.segments.length)]));
  const entries = new Map((glossary?.entries ?? []).map((e) => [e.id, e]));
  const drafts: Draft[] = [];
  for (const ids of members.values()) {
    const draft = draftConcept(ids, nodes, packOf, entries, acronymLinked, byId, position, input, titleKeys);
    if (draft) drafts.push(draft);
  }
  const density = contextDensity(
    drafts.map((d) => d.concept.mentions),
    drafts.map((d) => d.evidence.termhood >= STRONG_TERMHOOD || d.evidence.hasAcronymLink || d.evidence.inGlossary),
    byId,
  );
  for (const [i, d] of drafts.entries()) d.evidence.contextDensity = density[i] ?? 0;
  for (const d of drafts) d.score = conceptScore({ ...d.evidence, bestDefinition: 0 });
  drafts.sort((a, b) => b.score - a.score);
  const shortlist = drafts.filter((d, i) => i < SHORTLIST || d.concept.packEntryId !== null);
  const ctx = definitionContext(tokenised);
  for (const d of shortlist) {
    d.concept.definitions = findDefinitions(d.names, d.concept.mentions, ctx);
    d.score = conceptScore({ ...d.evidence, bestDefinition: d.concept.definitions[0]?.score ?? 0 });
    d.concept.score = Math.round(d.score * 1000) / 1000;
  }
  shortlist.sort((a, b) => b.score - a.score || a.concept.key.localeCompare(b.concept.key));
  // TEMP-DUMP
  const dump = (globalThis as { __conceptDump?: unknown[] }).__conceptDump;
  if (dump) for (const d of shortlist) dump.push({ concept: d.concept, evidence: d.evidence, score: d.score, names: d.names });
  return shortlist.slice(0, MAX_CONCEPTS).map((d) => d.concept);
}

interface Draft {
  concept: ExtractedConcept;
  /** Every name to look for in a defining sentence: the forms said and the glossary's names. */
  names: string[];
  evidence: Omit<Parameters<typeof conceptScore>[0], "bestDefinition">;
  score: number;
}

/**
 * The glossary entry of each candidate, by any of its forms. Where a name is case-sensitive
 * ("Meta") and some occurrences are not ("meta"), those are split off into a candidate of their own.
 */
function linkToGlossary(nodes: TermCandidate[], index: GlossaryIndex, input: AnalysisInput): (string | null)[] {
  const textOf = new Map(input.segments.map((s) => [s.id, s.text]));
  const packOf: (string | null)[] = [];
  const count = nodes.length;
  for (let i = 0; i < count; i++) {
    const node = nodes[i] as TermCandidate;
    let found: string | null = node.packEntryId ?? null;
    if (!found && index.byKey.size > 0) {
      for (const form of [node.surface, ...(node.forms ?? [])]) {
        const name = index.byKey.get(variantKey(form));
        if (!name) continue;
        const said = (o: { segmentId: number; start: number; end: number }) =>
          caseMatches((textOf.get(o.segmentId) ?? "").slice(o.start, o.end), name);
        const matching = node.occurrences.filter(said);
        if (matching.length === 0) continue;
        if (matching.length < node.occurrences.length) {
          const rest = node.occurrences.filter((o) => !said(o));
          nodes.push({ ...node, surface: node.surface.toLowerCase(), occurrences: rest, forms: [], isName: false });
          packOf[nodes.length - 1] = null;
          node.occurrences = matching;
        }
        found = name.entry.id;
        break;
      }
    }
    packOf[i] = found;
  }
  for (let i = count; i < nodes.length; i++) packOf[i] ??= null;
  return packOf;
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
 * phrase's and are dropped. An everyday word ("open" in "open source") and a name before a name
 * ("Claude" in "Claude Code") stay apart.
 */
function unionModifiers(nodes: TermCandidate[], groups: UnionFind): void {
  const phraseOf = new Map<string, number>();
  for (const [i, c] of nodes.entries()) {
    const words = c.surface.split(" ");
    if (words.length < 2) continue;
    const prefix = words.slice(0, -1).join(" ").toLowerCase();
    const j = phraseOf.get(prefix);
    if (j === undefined || (nodes[j] as TermCandidate).occurrences.length < c.occurrences.length) phraseOf.set(prefix, i);
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
    if (c.isName && !c.isAcronym && /^\p{Lu}/u.test(phrase.surface.split(" ").at(-1) ?? "")) continue;
    if (phrase.occurrences.length * 2 >= c.occurrences.length) merges.push([i, j]);
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
 * of their own and stay apart.
 */
function unionVersions(nodes: TermCandidate[], groups: UnionFind): void {
  const byKey = new Map<string, number>();
  for (const [i, c] of nodes.entries()) byKey.set(variantKey(c.surface), i);
  for (const [i, c] of nodes.entries()) {
    const family = /^(\p{Lu}[\p{L}-]*(?:\s\p{Lu}[\p{L}-]*)?)\s+[\d.]+$/u.exec(c.surface);
    if (!family?.[1]) continue;
    const j = byKey.get(variantKey(family[1]));
    if (j !== undefined && j !== i) groups.union(i, j);
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

function draftConcept(
  ids: number[],
  nodes: TermCandidate[],
  packOf: (string | null)[],
  entries: Map<string, GlossaryEntry>,
  acronymLinked: Map<number, "acronym" | "expansion">,
  byId: Map<number, TokenisedSegment>,
  position: Map<number, number>,
  input: AnalysisInput,
  titleKeys: Set<string>,
): Draft | null {
  const members = ids.map((i) => nodes[i] as TermCandidate);
  const termhood = Math.max(...members.map((c) => c.termhood ?? 0.5));
  const packEntryId = ids.map((i) => packOf[i]).find((p): p is string => typeof p === "string") ?? null;
  // Everyday phrases ("big companies") never reach a learner's list: skip the work of drafting them.
  if (termhood < MIN_TERMHOOD && packEntryId === null && !members.some((c) => c.isName)) return null;
  const mentions = mergeMentions(
    ids.flatMap((i) => (nodes[i] as TermCandidate).occurrences),
    byId,
    position,
  );
  if (mentions.length === 0) return null;
  const formCounts = new Map<string, number>();
  for (const m of mentions) {
    const form = (byId.get(m.segmentId)?.segment.text ?? "").slice(m.start, m.end).replace(/\s+/g, " ");
    formCounts.set(form, (formCounts.get(form) ?? 0) + 1);
  }
  const forms = [...formCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f);
  const entry = packEntryId ? entries.get(packEntryId) : undefined;
  const packNames = entry ? [...entry.names.en, ...entry.names.zh] : [];
  const displayFromPack = entry ? (input.language === "zh" ? entry.names.zh[0] : entry.names.en[0]) : undefined;
  const said = forms[0] ?? "";
  const isSpeaker = forms.some((f) => isSpeakerName(f, input.speakers));
  const speakerName = isSpeaker ? input.speakers.find((s) => forms.some((f) => isSpeakerName(f, [s]))) : undefined;
  const name = displayFromPack ?? (speakerName && !entry ? speakerName : said);
  // The expansion names the concept across episodes; an acronym alone names it as said.
  const linked = ids.some((i) => acronymLinked.has(i));
  const expansionId = ids.find((i) => acronymLinked.get(i) === "expansion");
  const expansion = expansionId === undefined ? undefined : nodes[expansionId];
  const key = packEntryId ?? conceptKey(expansion ? (mostSaid(expansion, formCounts) ?? expansion.surface) : name);
  const aliases = uniqueAliases([...forms, ...ids.flatMap((i) => nodes[i]?.forms ?? []), ...packNames], name);
  // Known by an acronym, alone or with its expansion ("PPO" and "Proximal Policy Optimization"): the
  // acronym's rules decide its kind, so a method whose expansion is capitalised is no company.
  const isAcronym = members.some((c) => c.isAcronym);
  const kind: ConceptKind = conceptKind({
    forms: speakerName ? [speakerName, ...forms] : forms,
    ...(entry ? { packKind: entry.kind } : {}),
    isName: members.some((c) => c.isName),
    isAcronym,
    // Said with a version ("GPT-5", or "Qwen 3" beside "Qwen"): a model.
    isModelLike:
      said.split(/\s+/).some((w) => isModelLikeToken(w)) || forms.some((f) => /^\p{Lu}[\p{L}-]*\s+[\d.]+$/u.test(f)),
    speakers: input.speakers,
    cues: kindCues(mentions, byId),
    mentionCount: mentions.length,
  });
  const tenths = new Set(mentions.map((m) => Math.floor((position.get(m.segmentId) ?? 0) * 10)));
  return {
    concept: { key, name, aliases, kind, packEntryId, score: 0, mentions, definitions: [] },
    names: [...new Set([...forms, ...packNames])],
    evidence: {
      termhood,
      mentionCount: mentions.length,
      coverage: tenths.size / 10,
      inGlossary: packEntryId !== null,
      kind,
      isSpeaker,
      hasAcronymLink: linked,
      inTitles: forms.some((f) => titleKeys.has(variantKey(f))) || packNames.some((n) => titleKeys.has(variantKey(n))),
      verbShare: verbShare(mentions, byId),
      burstiness: burstiness(mentions, position),
      contextDensity: 0,
    },
    score: 0,
  };
}

/** The variant keys of every run of one to six words of the titles ("Tool use", "Text diffusion models"). */
function titlePhrases(titles: string[]): Set<string> {
  const keys = new Set<string>();
  for (const title of titles) {
    for (const part of title.split(/[:,;?!()|&/]+|\s(?:vs\.?|and|or|the|in|to)\s/i)) {
      const words = part.split(/\s+/).filter((w) => w.length > 0);
      for (let i = 0; i < words.length; i++) {
        for (let n = 1; n <= 6 && i + n <= words.length; n++) keys.add(variantKey(words.slice(i, i + n).join(" ")));
      }
    }
  }
  return keys;
}

function mostSaid(c: TermCandidate, formCounts: Map<string, number>): string | undefined {
  return [c.surface, ...(c.forms ?? [])].sort((a, b) => (formCounts.get(b) ?? 0) - (formCounts.get(a) ?? 0))[0];
}

/**
 * The library-wide key of a concept the glossary does not know: lowercase, hyphens as spaces,
 * the last word singular ("Scaling Laws" -> "scaling law") except after "of" ("mixture of experts").
 */
export function conceptKey(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .split(/[\s-]+/)
    .filter((w) => w.length > 0);
  const n = words.length;
  if (n > 0 && words[n - 2] !== "of") words[n - 1] = singular(words[n - 1] as string);
  return words.join(" ");
}

function uniqueAliases(all: string[], name: string): string[] {
  const seen = new Set([name.toLowerCase()]);
  const out: string[] = [];
  for (const a of all) {
    const k = a.toLowerCase();
    if (a.length === 0 || seen.has(k)) continue;
    seen.add(k);
    out.push(a);
  }
  return out;
}

/** All mentions of a concept, once each, in time order; a span inside another of its spans is dropped. */
function mergeMentions(
  spans: { segmentId: number; start: number; end: number }[],
  byId: Map<number, TokenisedSegment>,
  position: Map<number, number>,
): ConceptMention[] {
  const sorted = [...spans].sort((a, b) => a.segmentId - b.segmentId || a.start - b.start || b.end - a.end);
  const out: ConceptMention[] = [];
  let last: ConceptMention | undefined;
  for (const s of sorted) {
    if (last && last.segmentId === s.segmentId && s.start < last.end) continue;
    const startMs = byId.get(s.segmentId)?.segment.startMs ?? 0;
    last = { segmentId: s.segmentId, startMs, start: s.start, end: s.end };
    out.push(last);
  }
  return out.sort((a, b) => (position.get(a.segmentId) ?? 0) - (position.get(b.segmentId) ?? 0) || a.start - b.start);
}

/** Disjoint sets over candidate indexes. */
class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
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
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}
