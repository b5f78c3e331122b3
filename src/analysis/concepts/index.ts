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
import { groupCandidates } from "./groups.js";
import { conceptKind, isSpeakerName, kindCues } from "./kind.js";
import { conceptScore, packRelevance, type RankEvidence } from "./rank.js";
import { titleTopics } from "./title-topics.js";
import { type TokenisedSegment, tokeniseSegments } from "./tokens.js";
import { adjectiveShare, burstiness, contextDensity, verbShare } from "./usage.js";
import { singular, variantKey } from "./variants.js";

export type { TermCandidate } from "./candidate.js";

/** The most concepts returned; the tail beyond is noise no learner reads. */
const MAX_CONCEPTS = 300;
/** Below this termhood a candidate that is no name and no pack entry is not drafted at all. */
const MIN_TERMHOOD = 0.3;
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
  return rankConcepts(input, glossary).map((r) => r.concept);
}

/** A ranked concept with the evidence its score was computed from (for diagnostics and tests). */
export interface RankedConcept {
  concept: ExtractedConcept;
  evidence: RankEvidence;
}

/** `extractConcepts` with each concept's ranking evidence. */
export function rankConcepts(input: AnalysisInput, glossary?: Glossary): RankedConcept[] {
  const tokenised = tokeniseSegments(input.segments);
  const glossaryIndex = indexGlossary(glossary);
  const titleKeys = titlePhrases([input.title, ...input.chapters.map((c) => c.title)]);
  // A name the publisher put in a title is a topic even when the speakers say it once ("Joscha Bach").
  const keep = new Set([...glossaryIndex.englishKeys, ...titleKeys]);
  const spoken = englishTermCandidates(tokenised, { keep });
  // Published chapter titles name topics the speakers talk around ("Video prediction").
  const published = input.chapters.filter((c) => c.source === "published").map((c) => c.title);
  const topics =
    published.length > 0 ? titleTopics(published, tokenised, new Set(spoken.map((c) => variantKey(c.surface)))) : [];
  const subsumed = new Set(topics.flatMap((t) => [...t.subsumes]));
  const english = [
    ...spoken.filter((c) => !subsumed.has(variantKey(c.surface)) || c.isName),
    ...topics.map((t) => t.candidate),
  ];
  const links = linkAcronyms(english, tokenised);
  const heads = phraseHeads(english);
  const chinese = input.segments.some((s) => hasCjk(s.text)) ? chineseTermCandidates(input.segments, glossary) : [];
  const nodes: TermCandidate[] = [...english, ...links.map((l) => l.expansion), ...chinese];
  const packOf = linkToGlossary(nodes, glossaryIndex, input);
  const { members, acronymLinked } = groupCandidates(nodes, {
    links,
    expansionsFrom: english.length,
    packOf,
    speakers: input.speakers,
  });
  const spelled = new Set(links.filter((l) => l.spelledOut).map((l) => l.acronym));
  const byId = new Map(tokenised.map((t) => [t.segment.id, t]));
  const position = new Map(input.segments.map((s, i) => [s.id, i / Math.max(1, input.segments.length)]));
  const entries = new Map((glossary?.entries ?? []).map((e) => [e.id, e]));
  const drafts: Draft[] = [];
  for (const ids of members) {
    const draft = draftConcept(
      ids,
      nodes,
      packOf,
      entries,
      { acronymLinked, spelled },
      byId,
      position,
      input,
      titleKeys,
      heads,
    );
    if (draft) drafts.push(draft);
  }
  const relevance = packRelevance(new Set(drafts.map((d) => d.concept.packEntryId).filter((id) => id !== null)).size);
  for (const d of drafts) d.evidence.packRelevance = relevance;
  const density = contextDensity(
    drafts.map((d) => d.concept.mentions),
    drafts.map((d) => d.evidence.termhood >= STRONG_TERMHOOD || d.evidence.hasAcronymLink || d.evidence.inGlossary),
    byId,
  );
  for (const [i, d] of drafts.entries()) d.evidence.contextDensity = density[i] ?? 0;
  for (const d of drafts) d.score = conceptScore({ ...d.evidence, bestDefinition: 0 });
  drafts.sort((a, b) => b.score - a.score);
  // The episode's voices are always listed, however low they rank: the learner hears who speaks.
  const shortlist = drafts.filter((d, i) => i < SHORTLIST || d.concept.packEntryId !== null || d.evidence.isSpeaker);
  const ctx = definitionContext(tokenised);
  for (const d of shortlist) {
    d.concept.definitions = findDefinitions(d.names, d.concept.mentions, ctx);
    d.score = conceptScore({ ...d.evidence, bestDefinition: d.concept.definitions[0]?.score ?? 0 });
    d.concept.score = Math.round(d.score * 1000) / 1000;
  }
  shortlist.sort((a, b) => b.score - a.score || a.concept.key.localeCompare(b.concept.key));
  const voices = shortlist.slice(MAX_CONCEPTS).filter((d) => d.evidence.isSpeaker);
  return [...shortlist.slice(0, MAX_CONCEPTS), ...voices].map((d) => ({
    concept: d.concept,
    evidence: { ...d.evidence, bestDefinition: d.concept.definitions[0]?.score ?? 0 },
  }));
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

function draftConcept(
  ids: number[],
  nodes: TermCandidate[],
  packOf: (string | null)[],
  entries: Map<string, GlossaryEntry>,
  acronyms: { acronymLinked: Map<number, "acronym" | "expansion">; spelled: Set<number> },
  byId: Map<number, TokenisedSegment>,
  position: Map<number, number>,
  input: AnalysisInput,
  titleKeys: Set<string>,
  heads: Map<string, number>,
): Draft | null {
  const { acronymLinked, spelled } = acronyms;
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
  const mentionTexts = mentions.map((m) => textOf(m, byId));
  const formCounts = new Map<string, number>();
  for (const form of mentionTexts) formCounts.set(form, (formCounts.get(form) ?? 0) + 1);
  const forms = [...formCounts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([f]) => f);
  const entry = packEntryId ? entries.get(packEntryId) : undefined;
  const packNames = entry ? [...entry.names.en, ...entry.names.zh] : [];
  const displayFromPack = entry ? (input.language === "zh" ? entry.names.zh[0] : entry.names.en[0]) : undefined;
  const saidAs = (f: string) => mentions.filter((_m, k) => mentionTexts[k] === f);
  const said = nounForm(forms, (f) => verbShare(saidAs(f), byId));
  const isSpeaker = forms.some((f) => isSpeakerName(f, input.speakers));
  const speakerName = isSpeaker ? input.speakers.find((s) => forms.some((f) => isSpeakerName(f, [s]))) : undefined;
  const titled = members.find((c) => c.titled)?.surface;
  const name = displayFromPack ?? (speakerName && !entry ? speakerName : (titled ?? said));
  // The expansion names the concept across episodes; an acronym alone names it as said.
  const linked = ids.some((i) => acronymLinked.has(i));
  const expansionId = ids.find((i) => acronymLinked.get(i) === "expansion");
  const expansion = expansionId === undefined ? undefined : nodes[expansionId];
  const key = packEntryId ?? conceptKey(expansion ? (mostSaid(expansion, formCounts) ?? expansion.surface) : name);
  // A title topic's mentions are cues ("video" near "predict"), not its names, unless a member says them.
  const named = titled ? forms.filter((f) => members.some((c) => c.surface === f || c.forms?.includes(f))) : forms;
  const aliases = uniqueAliases([...named, ...ids.flatMap((i) => nodes[i]?.forms ?? []), ...packNames], name);
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
  // Said inside a longer term ("center" in "data center"), a word is mostly that term's part.
  const alone = members.reduce((sum, c) => sum + (c.aloneCount ?? c.occurrences.length), 0);
  return {
    concept: { key, name, aliases, kind, packEntryId, score: 0, mentions, definitions: [] },
    names: [...new Set([...forms, ...packNames])],
    evidence: {
      termhood,
      mentionCount: mentions.length,
      aloneCount: Math.min(mentions.length, alone),
      coverage: tenths.size / 10,
      inGlossary: packEntryId !== null,
      kind,
      isSpeaker,
      hasAcronymLink: linked,
      spelledOut: ids.some((i) => spelled.has(i)),
      inTitles: [...forms, ...packNames].some((f) => titleKeys.has(variantKey(f))),
      // Judged on the form it is named by: "distillation" stays a noun when "we distill" joins it.
      verbShare: verbShare(saidAs(said), byId),
      adjectiveShare: adjectiveShare(saidAs(said), byId),
      headOf:
        /[\s-]/.test(said) || members.some((c) => c.isName || c.isAcronym) ? 0 : (heads.get(variantKey(said)) ?? 0),
      burstiness: burstiness(mentions, position),
      contextDensity: 0,
    },
    score: 0,
  };
}

/**
 * The form a concept is named by: the one most said, unless it is said as a verb ("we distill",
 * "specified") and a noun of the same word is said too ("distillation", "specification").
 */
function nounForm(forms: string[], verbShareOf: (form: string) => number): string {
  const first = forms[0] ?? "";
  if (!/ed$/i.test(first) && verbShareOf(first) < VERB_NAME_SHARE) return first;
  return forms.find((f) => f !== first && NOUN_ENDING.test(f) && !/ed$/i.test(f)) ?? first;
}

/** Said as a verb this often, a form names no concept when a noun form is at hand. */
const VERB_NAME_SHARE = 0.3;
/** How a noun made from a verb ends: "distillation", "deployment", "inference", "fine-tuning". */
const NOUN_ENDING = /(?:tion|sion|ment|ance|ence|ing)s?$/i;

/**
 * For each word, how many distinct phrases of the episode end in it ("model" in "world model",
 * "language model", "energy-based model"): a word that needs a modifier to say which one is a class
 * of things, not one thing to learn. Names ("Claude Code") are not counted.
 */
function phraseHeads(candidates: TermCandidate[]): Map<string, number> {
  const heads = new Map<string, number>();
  for (const c of candidates) {
    if (c.isName || c.isAcronym || c.titled || /\p{Lu}/u.test(c.surface)) continue;
    const cut = Math.max(c.surface.lastIndexOf(" "), c.surface.lastIndexOf("-"));
    if (cut <= 0) continue;
    const key = variantKey(c.surface.slice(cut + 1));
    if (key.length > 2) heads.set(key, (heads.get(key) ?? 0) + 1);
  }
  return heads;
}

/** The words of a mention as said, single-spaced. */
function textOf(m: ConceptMention, byId: Map<number, TokenisedSegment>): string {
  return (byId.get(m.segmentId)?.segment.text ?? "").slice(m.start, m.end).replace(/\s+/g, " ");
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
