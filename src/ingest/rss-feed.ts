/**
 * Podcast RSS feeds: the channel, and for each item its audio, duration, people, and the links to
 * transcripts (`podcast:transcript`) and chapters (`podcast:chapters`) of the Podcasting 2.0 namespace.
 * Parsing only reads the XML; fetching the linked files is the caller's job.
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { ImportError, normalizeSpace } from "../core/index.js";
import type { ParseContext } from "./parser.js";

export interface FeedTranscriptLink {
  url: string;
  /** MIME type as the feed writes it, often non-standard (`application/srt`); "" when absent. */
  type: string;
  language?: string;
  rel?: string;
}

export interface FeedChaptersLink {
  url: string;
  type: string;
}

export interface FeedPerson {
  name: string;
  /**
   * Lower-cased as in the namespace's taxonomy: "host", "guest", "cover art designer". The spec makes
   * an absent role mean "host" (and an absent group "cast"), so both are always filled.
   */
  role?: string;
  group?: string;
  href?: string;
  img?: string;
}

export interface FeedItem {
  /** 1-based position in the feed, as the CLI lists it. */
  index: number;
  guid?: string;
  title: string;
  /** Publication time as ISO 8601, when the feed's date could be read. */
  published?: string;
  audio?: { url: string; type?: string; length?: number };
  durationMs?: number;
  link?: string;
  transcripts: FeedTranscriptLink[];
  chapters?: FeedChaptersLink;
  /** The item's own `podcast:person` tags, else the channel's. */
  persons: FeedPerson[];
}

export interface Feed {
  title: string;
  link?: string;
  image?: string;
  /** As the feed declares it (`en`, `en-US`, `zh-cn`). */
  language?: string;
  items: FeedItem[];
}

const PODCAST_NAMESPACES = new Set([
  "https://podcastindex.org/namespace/1.0",
  "https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/1.0.md",
]);
const ITUNES_NAMESPACE = "http://www.itunes.com/dtds/podcast-1.0.dtd";

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  htmlEntities: true,
  // Show notes are most of a feed's bytes and never used here: leaving them unparsed makes a 1 MB
  // feed parse about five times faster.
  stopNodes: ["*.description", "*.content:encoded", "*.itunes:summary", "*.podcast:value"],
});

/**
 * Parses an RSS podcast feed. Namespace prefixes are taken from the feed's own declarations, so a
 * feed that calls the Podcasting 2.0 namespace something other than `podcast:` still works.
 * @throws ImportError naming the line when the XML is not well-formed, or when it is not an RSS feed.
 */
export function parseFeed(xml: string, ctx: ParseContext): Feed {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw malformed(valid.err, text, ctx);

  let doc: XmlNode;
  try {
    doc = parser.parse(text) as XmlNode;
  } catch (error) {
    // The validator passes some damage the parser still throws on (e.g. `<?xml version="<?xml ...`).
    throw new ImportError(
      `the feed is not well-formed XML: ${(error as Error).message} Podcast apps reject it too; ask the publisher or download it again`,
      { file: ctx.fileName },
    );
  }
  const rss = asNode(doc.rss);
  const channel = asNode(first(rss?.channel));
  if (!rss || !channel) {
    const root = Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("#")) ?? "nothing";
    throw new ImportError(
      `this XML is not a podcast RSS feed: its root is <${root}>, expected <rss> with a <channel>; use the feed's URL as the podcast app shows it`,
      { file: ctx.fileName },
    );
  }
  const prefixes = namespacePrefixes(rss);
  const tag = (ns: "podcast" | "itunes", name: string) => `${prefixes[ns]}:${name}`;

  const channelPersons = readPersons(channel[tag("podcast", "person")]);
  const items = asArray(channel.item).map((raw, i): FeedItem => {
    const item = asNode(raw) ?? {};
    const index = i + 1;
    const result: FeedItem = {
      index,
      title: textOf(item.title) ?? textOf(item[tag("itunes", "title")]) ?? `Episode ${index}`,
      transcripts: readTranscripts(item[tag("podcast", "transcript")]),
      persons: [],
    };
    const guid = textOf(item.guid);
    if (guid) result.guid = guid;
    const published = isoDate(textOf(item.pubDate));
    if (published) result.published = published;
    const audio = readEnclosure(item.enclosure);
    if (audio) result.audio = audio;
    const durationMs = parseItunesDuration(textOf(item[tag("itunes", "duration")]));
    if (durationMs !== undefined) result.durationMs = durationMs;
    const link = textOf(item.link);
    if (link) result.link = link;
    const chapters = readChapters(item[tag("podcast", "chapters")]);
    if (chapters) result.chapters = chapters;
    const own = readPersons(item[tag("podcast", "person")]);
    result.persons = own.length ? own : channelPersons;
    return result;
  });

  const feed: Feed = { title: textOf(channel.title) ?? ctx.fileName, items };
  const link = textOf(channel.link);
  if (link) feed.link = link;
  const image = textOf(asNode(first(channel.image))?.url) ?? attr(first(channel[tag("itunes", "image")]), "href");
  if (image) feed.image = image;
  const language = textOf(channel.language);
  if (language) feed.language = language;
  return feed;
}

function malformed(err: { msg: string; line: number; col: number }, text: string, ctx: ParseContext): ImportError {
  // For tags left open at the end the validator reports line 1 and a JSON-ish list of their names.
  const unclosed = /^Invalid '\[(.*)\]' found/s.exec(err.msg);
  if (unclosed) {
    const names = [...(unclosed[1] ?? "").matchAll(/"([^"]+)"/g)].map((m) => `<${m[1]}>`).join(", ");
    const lastLine = text.split("\n").length;
    return new ImportError(
      `the feed ends before ${names} ${names.includes(",") ? "are" : "is"} closed; it looks cut off, so download it again`,
      { file: ctx.fileName, line: lastLine },
    );
  }
  return new ImportError(
    `the feed is not well-formed XML at line ${err.line}, column ${err.col}: ${err.msg} Podcast apps reject it too; ask the publisher or download it again`,
    { file: ctx.fileName, line: err.line },
  );
}

function namespacePrefixes(rss: XmlNode): { podcast: string; itunes: string } {
  const prefixes = { podcast: "podcast", itunes: "itunes" };
  for (const [key, value] of Object.entries(rss)) {
    if (!key.startsWith("@_xmlns:") || typeof value !== "string") continue;
    const prefix = key.slice("@_xmlns:".length);
    const uri = value.trim().replace(/\/$/, "");
    if (PODCAST_NAMESPACES.has(uri)) prefixes.podcast = prefix;
    else if (uri === ITUNES_NAMESPACE) prefixes.itunes = prefix;
  }
  return prefixes;
}

function readTranscripts(value: unknown): FeedTranscriptLink[] {
  const links: FeedTranscriptLink[] = [];
  for (const node of asArray(value)) {
    const url = attr(node, "url");
    if (!url) continue;
    const link: FeedTranscriptLink = { url, type: attr(node, "type") ?? "" };
    const language = attr(node, "language");
    if (language) link.language = language;
    const rel = attr(node, "rel");
    if (rel) link.rel = rel;
    links.push(link);
  }
  return links;
}

function readChapters(value: unknown): FeedChaptersLink | undefined {
  for (const node of asArray(value)) {
    const url = attr(node, "url");
    if (url) return { url, type: attr(node, "type") ?? "" };
  }
  return undefined;
}

function readEnclosure(value: unknown): FeedItem["audio"] {
  for (const node of asArray(value)) {
    const url = attr(node, "url");
    if (!url) continue;
    const audio: NonNullable<FeedItem["audio"]> = { url };
    const type = attr(node, "type");
    if (type) audio.type = type;
    const length = Number(attr(node, "length"));
    if (Number.isFinite(length) && length > 0) audio.length = length;
    return audio;
  }
  return undefined;
}

/** People named once each (feeds list the same person with several profile links). */
function readPersons(value: unknown): FeedPerson[] {
  const persons: FeedPerson[] = [];
  const seen = new Set<string>();
  for (const node of asArray(value)) {
    const name = textOf(node);
    if (!name) continue;
    const person: FeedPerson = { name };
    const role = attr(node, "role")?.toLowerCase() ?? "host";
    person.role = role;
    person.group = attr(node, "group")?.toLowerCase() ?? "cast";
    const href = attr(node, "href");
    if (href) person.href = href;
    const img = attr(node, "img");
    if (img) person.img = img;
    const key = `${name.toLowerCase()}\u0000${role}`;
    if (seen.has(key)) continue;
    seen.add(key);
    persons.push(person);
  }
  return persons;
}

/**
 * `itunes:duration` as feeds write it: seconds (`4209`, `4209.5`), `mm:ss` or `hh:mm:ss`.
 * Unreadable or zero durations are left out rather than guessed.
 */
export function parseItunesDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const parts = text.trim().split(":");
  if (parts.length > 3 || parts.some((p) => !/^\d+(?:\.\d+)?$/.test(p))) return undefined;
  const seconds = parts.reduce((total, p) => total * 60 + Number(p), 0);
  const ms = Math.round(seconds * 1000);
  return ms > 0 ? ms : undefined;
}

function isoDate(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function asNode(value: unknown): XmlNode | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

/** Text content of an element, with or without attributes; undefined when empty. */
function textOf(value: unknown): string | undefined {
  const v = first(value);
  const raw = typeof v === "string" || typeof v === "number" ? String(v) : asNode(v)?.["#text"];
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  return normalizeSpace(String(raw)) || undefined;
}

function attr(value: unknown, name: string): string | undefined {
  const raw = asNode(value)?.[`@_${name}`];
  if (typeof raw !== "string") return undefined;
  return raw.trim() || undefined;
}

/** What a linked transcript holds, judged by its MIME type or, for generic types, its URL. */
export type TranscriptLinkKind = "vtt" | "json" | "srt" | "html" | "text";

const PREFERENCE: readonly TranscriptLinkKind[] = ["vtt", "json", "srt", "html", "text"];

/**
 * The kind of a `podcast:transcript` link. Feeds use non-standard types (`application/srt`,
 * `text/srt`, `application/x-subrip`) and servers label files `text/plain` or `application/octet-stream`,
 * so a specific MIME type decides, and otherwise the URL's extension does.
 */
export function transcriptLinkKind(link: { url: string; type?: string }): TranscriptLinkKind | null {
  const byType = kindOfMime(link.type ?? "");
  if (byType && byType !== "text") return byType;
  return kindOfUrl(link.url) ?? byType;
}

function kindOfMime(type: string): TranscriptLinkKind | null {
  const mime = type.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!mime) return null;
  if (mime.includes("vtt")) return "vtt";
  if (mime.includes("srt") || mime.includes("subrip")) return "srt";
  if (mime.includes("json") && !mime.includes("chapters")) return "json";
  if (mime === "text/html" || mime === "application/xhtml+xml") return "html";
  if (mime === "text/plain") return "text";
  return null;
}

function kindOfUrl(url: string): TranscriptLinkKind | null {
  const path = url.split(/[?#]/)[0]?.toLowerCase() ?? "";
  const ext = path.slice(path.lastIndexOf(".") + 1);
  switch (ext) {
    case "vtt":
    case "webvtt":
      return "vtt";
    case "json":
      return "json";
    case "srt":
      return "srt";
    case "html":
    case "htm":
      return "html";
    case "txt":
      return "text";
    default:
      return null;
  }
}

/**
 * The transcript to import from an item's links: WebVTT first (timed, often with speakers), then
 * Podcasting 2.0 JSON, SRT, HTML, and plain text last. Links of unknown kind are never chosen; among
 * links of one kind the feed's order decides.
 */
export function pickPreferredTranscript<T extends { url: string; type?: string }>(
  transcripts: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestRank = PREFERENCE.length;
  for (const t of transcripts) {
    const kind = transcriptLinkKind(t);
    const rank = kind ? PREFERENCE.indexOf(kind) : PREFERENCE.length;
    if (rank < bestRank) {
      best = t;
      bestRank = rank;
    }
  }
  return best;
}

/** True for text that is an RSS feed (`<rss>` with a `<channel>`), with or without an XML declaration. */
export function looksLikeFeed(text: string): boolean {
  const head = text.slice(0, 65_536);
  return /<rss[\s>]/i.test(head) && /<channel[\s>]/i.test(head);
}
