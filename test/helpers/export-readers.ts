import { XMLParser } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { DomUtils, parseDocument } from "htmlparser2";
import type { MarkmapNode, XMindSheet, XMindTopic } from "../../src/export/index.js";
import type { TitleTree } from "./export-fixture.js";

/**
 * Readers that take each export format back to a tree of titles, with real parsers where the
 * format has one (XML, zip + JSON, HTML) and small strict readers for the line formats (Mermaid,
 * the ASCII tree), so tests compare what came out with the tree that went in.
 */

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "",
  htmlEntities: true,
  parseTagValue: false,
  trimValues: false,
  isArray: (name) => name === "outline" || name === "node",
});

export interface OpmlOutline {
  text: string;
  type?: string;
  url?: string;
  _note?: string;
  outline?: OpmlOutline[];
}

/** The parsed OPML document: head and the top-level outlines. */
export function parseOpml(text: string): {
  version: string;
  head: { title: string; dateCreated?: string };
  outlines: OpmlOutline[];
} {
  const doc = xml.parse(text);
  return { version: doc.opml.version, head: doc.opml.head, outlines: doc.opml.body.outline ?? [] };
}

export function opmlTitles(o: OpmlOutline): TitleTree {
  return { title: o.text, children: (o.outline ?? []).map(opmlTitles) };
}

export interface FreeMindNode {
  ID: string;
  TEXT: string;
  LINK?: string;
  POSITION?: string;
  node?: FreeMindNode[];
}

/** The root nodes of a FreeMind map. */
export function parseFreeMind(text: string): { version: string; nodes: FreeMindNode[] } {
  const doc = xml.parse(text);
  return { version: doc.map.version, nodes: doc.map.node ?? [] };
}

export function freeMindTitles(n: FreeMindNode): TitleTree {
  return { title: n.TEXT, children: (n.node ?? []).map(freeMindTitles) };
}

/** The files of an .xmind zip and its sheets. */
export function readXMind(bytes: Uint8Array): {
  files: string[];
  json: (name: string) => unknown;
  sheets: XMindSheet[];
} {
  const files = unzipSync(bytes);
  const json = (name: string) => JSON.parse(strFromU8(files[name] as Uint8Array));
  return { files: Object.keys(files).sort(), json, sheets: json("content.json") as XMindSheet[] };
}

export function xmindTitles(t: XMindTopic): TitleTree {
  return { title: t.title, children: (t.children?.attached ?? []).map(xmindTitles) };
}

/**
 * A reader of Mermaid's mindmap syntax as the exporter writes it: one node per line, the tree in
 * the indentation, labels in `["..."]` (the root in `(("..."))`) with `#code;` entities. It rejects
 * anything else, so a label that escaped its quotes fails.
 */
export function parseMermaidMindmap(text: string): TitleTree {
  const [first, ...lines] = text.trimEnd().split("\n");
  if (first !== "mindmap") throw new Error(`not a mindmap: ${first}`);
  const stack: { indent: number; node: TitleTree }[] = [];
  let root: TitleTree | null = null;
  for (const line of lines) {
    const m = /^( +)n\d+(?:\(\("([^"]*)"\)\)|\["([^"]*)"\])$/.exec(line);
    if (!m) throw new Error(`not a mindmap node line: ${line}`);
    const indent = (m[1] as string).length;
    const node: TitleTree = { title: decodeMermaid((m[2] ?? m[3]) as string), children: [] };
    while (stack.length && (stack.at(-1) as { indent: number }).indent >= indent) stack.pop();
    const parent = stack.at(-1);
    if (parent) parent.node.children.push(node);
    else if (root) throw new Error("two roots");
    else root = node;
    stack.push({ indent, node });
  }
  if (!root) throw new Error("no root");
  return root;
}

/** Mermaid's `#code;` entity codes back to characters. */
export function decodeMermaid(label: string): string {
  return label.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

/** Reads a box-drawing tree back: each line's prefix is four columns per level. */
export function parseAsciiTree(text: string): TitleTree {
  const [first, ...lines] = text.trimEnd().split("\n");
  const root: TitleTree = { title: first as string, children: [] };
  const stack: TitleTree[] = [root];
  for (const line of lines) {
    const m = /^((?:│ {3}| {4})*)(├── |└── )(.*)$/.exec(line);
    if (!m) throw new Error(`not a tree line: ${line}`);
    const depth = (m[1] as string).length / 4 + 1;
    const node: TitleTree = { title: m[3] as string, children: [] };
    stack.length = depth;
    (stack[depth - 1] as TitleTree).children.push(node);
    stack.push(node);
  }
  return root;
}

type Nodes = Parameters<typeof DomUtils.textContent>[0];
export type HtmlElement = ReturnType<typeof DomUtils.getElementsByTagName>[number];

/** Elements by tag name, anywhere below. */
export function htmlElements(root: Nodes, name: string): HtmlElement[] {
  return DomUtils.getElementsByTagName(name, root, true);
}

/** The text a browser shows for some HTML. */
export function htmlText(html: string): string {
  return DomUtils.textContent(parseDocument(html, { decodeEntities: true }));
}

/** The markmap page: its scripts, and the tree carried in the JSON script with id `dataId`. */
export function readMarkmapPage(html: string, dataId: string): { scripts: HtmlElement[]; tree: MarkmapNode } {
  const doc = parseDocument(html, { decodeEntities: true });
  const scripts = htmlElements(doc, "script");
  const data = scripts.find((s) => s.attribs.id === dataId);
  if (data?.attribs.type !== "application/json") throw new Error("no JSON data script");
  return { scripts, tree: JSON.parse(DomUtils.textContent(data as HtmlElement)) as MarkmapNode };
}

/** What markmap shows for each node: its HTML content as text. */
export function markmapTitles(node: MarkmapNode): TitleTree {
  return { title: htmlText(node.content), children: node.children.map(markmapTitles) };
}

/** Anki's text import format as Anki reads it: `#key:value` header lines, then tab-separated notes. */
export function parseAnkiText(text: string) {
  const headers = new Map<string, string>();
  const rows: string[][] = [];
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("#")) {
      const colon = line.indexOf(":");
      headers.set(line.slice(1, colon), line.slice(colon + 1));
    } else rows.push(line.split("\t"));
  }
  const column = (name: string) => Number(headers.get(`${name} column`)) - 1;
  const notes = rows.map((cells) => ({
    cells,
    guid: cells[column("guid")] as string,
    notetype: cells[column("notetype")] as string,
    fields: cells.filter((_, i) => i !== column("guid") && i !== column("notetype") && i !== column("tags")),
    tags: (cells[column("tags")] as string).split(" "),
  }));
  return { headers, notes };
}

/** What Anki shows for an HTML field (line breaks as `\n`). */
export function ankiFieldText(html: string): string {
  return htmlText(html.replace(/<br>/g, "\n"));
}

/** The targets of a Markdown note's `[[wikilinks]]` (in its body); an escaped `\[\[` is text, not a link. */
export function wikilinkTargets(note: string): string[] {
  const text = note.replace(/^---[\s\S]*?\n---\n/, "");
  return [...text.matchAll(/(?<!\\)\[\[([^\]|]+)(?:\|[^\]]*)?\]\]/g)].map((m) => m[1] as string);
}
