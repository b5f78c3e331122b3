import type { MindElixirInstance } from "mind-elixir";

/**
 * The map as a picture the learner can keep or publish, drawn from what is on screen: the
 * branches as they are, each node a box with its text wrapped as displayed. Text is written as SVG
 * <text> through the DOM (never parsed as markup: a node's text comes from a transcript), so the
 * file opens the same in browsers, Inkscape or a blog, and the PNG is that SVG painted on a canvas.
 */

const SVG_NS = "http://www.w3.org/2000/svg";
/** Margin around the map in the picture. */
const PAD = 40;

export async function mapImage(mind: MindElixirInstance, format: "svg" | "png"): Promise<Blob> {
  const svg = mapToSvg(mind);
  if (format === "svg") return new Blob([svg.text], { type: "image/svg+xml" });
  return svgToPng(svg.text, svg.width, svg.height);
}

/** The SVG document of the map on screen, with its size in CSS pixels. */
export function mapToSvg(mind: MindElixirInstance): { text: string; width: number; height: number } {
  const nodes = mind.nodes;
  const origin = nodes.getBoundingClientRect();
  const scale = mind.scaleVal || 1;
  const box = (el: Element) => {
    const r = el.getBoundingClientRect();
    return {
      x: (r.left - origin.left) / scale + PAD,
      y: (r.top - origin.top) / scale + PAD,
      w: r.width / scale,
      h: r.height / scale,
    };
  };
  const width = Math.ceil(origin.width / scale + PAD * 2);
  const height = Math.ceil(origin.height / scale + PAD * 2);

  const svg = document.createElementNS(SVG_NS, "svg");
  set(svg, { width, height, viewBox: `0 0 ${width} ${height}` });
  const background = getComputedStyle(mind.container).backgroundColor;
  svg.appendChild(make("rect", { x: 0, y: 0, width, height, fill: opaque(background) ? background : "#ffffff" }));

  // Branch lines: mind-elixir draws them as SVG already; copy each where it sits.
  for (const lines of nodes.querySelectorAll<SVGSVGElement>("svg.lines, svg.subLines, svg.topiclinks, svg.summary")) {
    if (lines.closest(".mind-elixir-toolbar")) continue;
    const at = box(lines);
    const copy = lines.cloneNode(true) as SVGSVGElement;
    set(copy, { x: at.x, y: at.y, overflow: "visible" });
    copy.removeAttribute("style");
    copy.removeAttribute("class");
    svg.appendChild(copy);
  }

  for (const topic of nodes.querySelectorAll<HTMLElement>("me-tpc")) {
    drawBox(svg, topic, box(topic));
    const text = topic.querySelector<HTMLElement>(":scope > .text");
    if (text) drawText(svg, text, box, scale, origin);
    for (const tag of topic.querySelectorAll<HTMLElement>(".tags > span, .icons > span")) {
      drawBox(svg, tag, box(tag));
      drawText(svg, tag, box, scale, origin);
    }
  }
  return {
    text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`,
    width,
    height,
  };
}

function drawBox(svg: SVGElement, el: HTMLElement, at: { x: number; y: number; w: number; h: number }): void {
  const style = getComputedStyle(el);
  const fill = opaque(style.backgroundColor) ? style.backgroundColor : "none";
  const borderWidth = Number.parseFloat(style.borderTopWidth) || 0;
  const stroke = borderWidth > 0 && opaque(style.borderTopColor) ? style.borderTopColor : "none";
  if (fill === "none" && stroke === "none") return;
  const radius = Number.parseFloat(style.borderTopLeftRadius) || 0;
  const inset = borderWidth / 2;
  svg.appendChild(
    make("rect", {
      x: at.x + inset,
      y: at.y + inset,
      width: Math.max(0, at.w - borderWidth),
      height: Math.max(0, at.h - borderWidth),
      rx: radius,
      ry: radius,
      fill,
      stroke,
      "stroke-width": borderWidth,
    }),
  );
}

/** The element's text, line by line as the browser wrapped it on screen. */
function drawText(
  svg: SVGElement,
  el: HTMLElement,
  _box: (el: Element) => { x: number; y: number },
  scale: number,
  origin: DOMRect,
): void {
  const style = getComputedStyle(el);
  const fontSize = Number.parseFloat(style.fontSize) || 14;
  const text = make("text", {
    "font-family": style.fontFamily,
    "font-size": fontSize,
    "font-weight": style.fontWeight,
    fill: style.color,
  });
  for (const line of screenLines(el)) {
    const span = make("tspan", {
      x: (line.left - origin.left) / scale + PAD,
      // The baseline sits about 0.8 em below the top of the glyphs, centred in the line box.
      y: (line.top - origin.top) / scale + PAD + (line.height / scale - fontSize) / 2 + fontSize * 0.86,
    });
    span.textContent = line.text;
    text.appendChild(span);
  }
  if (text.childNodes.length > 0) svg.appendChild(text);
}

/** Splits an element's text into the lines the browser laid out, with where each starts. */
function screenLines(el: HTMLElement): { text: string; left: number; top: number; height: number }[] {
  const lines: { text: string; left: number; top: number; height: number }[] = [];
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const value = node.textContent ?? "";
    let i = 0;
    while (i < value.length) {
      // One code point at a time, so a character outside the BMP is never split.
      const size = (value.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
      range.setStart(node, i);
      range.setEnd(node, i + size);
      const rect = [...range.getClientRects()].find((r) => r.width > 0) ?? range.getBoundingClientRect();
      const char = value.slice(i, i + size);
      const last = lines.at(-1);
      if (last && Math.abs(rect.top - last.top) < rect.height / 2) last.text += char;
      else if (char.trim() || last) {
        if (char !== "\n") lines.push({ text: char, left: rect.left, top: rect.top, height: rect.height });
      }
      i += size;
    }
  }
  return lines
    .map((l) => ({ ...l, text: l.text.replace(/\s+$/, "") }))
    .filter((l) => l.text.trim().length > 0)
    .map((l) => {
      // A line's first characters may be spaces the browser hung at the end of the line before.
      const lead = l.text.length - l.text.trimStart().length;
      return lead ? { ...l, text: l.text.trimStart() } : l;
    });
}

const PNG_SCALE = 2;
/** Chromium refuses canvases larger than about this area; a huge map is drawn smaller instead. */
const MAX_CANVAS_PIXELS = 100_000_000;

async function svgToPng(svgText: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const scale = Math.min(PNG_SCALE, Math.sqrt(MAX_CANVAS_PIXELS / Math.max(1, width * height)));
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const context = canvas.getContext("2d");
    if (!context) throw new Error("this browser cannot draw on a canvas");
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the picture is too large"))), "image/png"),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves a file through the browser's download (a link with `download`, clicked). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started by then; the address is not needed after it.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the episode's title: any script kept, characters file systems refuse dropped. */
export function mapFileName(title: string, extension: "svg" | "png"): string {
  const base = title
    .replace(/[\\/:*?"<>|\p{Cc}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 80);
  return `${base || "mind-map"} - mind map.${extension}`;
}

function make(name: string, attributes: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG_NS, name);
  set(el, attributes);
  return el;
}

function set(el: Element, attributes: Record<string, string | number>): void {
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
}

function opaque(color: string): boolean {
  return Boolean(color) && color !== "transparent" && !/rgba\([^)]*,\s*0\)$/.test(color);
}
