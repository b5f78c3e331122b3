import { describe, expect, it } from "vitest";
import { FIXTURE_TREE, fixtureData, HOSTILE, shown, titleTree } from "../../test/helpers/export-fixture.js";
import { htmlText, markmapTitles, readMarkmapPage } from "../../test/helpers/export-readers.js";
import { mapOptionsFor } from "./map-options.js";
import { MARKMAP_DATA_ID, type MarkmapNode, mapToMarkmapHtml } from "./markmap.js";
import { loadMarkmapAssets } from "./markmap-assets.js";

describe("mapToMarkmapHtml", () => {
  const assets = loadMarkmapAssets();
  const html = mapToMarkmapHtml(FIXTURE_TREE, assets, mapOptionsFor(fixtureData()));
  const page = readMarkmapPage(html, MARKMAP_DATA_ID);

  it("inlines d3 and markmap-view: the page needs no network", () => {
    expect(assets.d3).toContain("d3js.org");
    expect(assets.markmapView).toContain("class Markmap");
    expect(html).toContain(assets.markmapView);
    expect(html).toContain(assets.d3);
    expect(html).not.toMatch(/<script[^>]+src=/);
  });

  it("has exactly our four scripts: transcript text opened none", () => {
    expect(page.scripts).toHaveLength(4);
    expect((html.match(/<script/gi) ?? []).length).toBe(4);
    expect((html.match(/<\/script/gi) ?? []).length).toBe(4);
    expect(html).not.toContain("<img");
  });

  it("carries the tree as JSON whose node contents show the map's titles", () => {
    expect(markmapTitles(page.tree)).toEqual(titleTree(FIXTURE_TREE));
    // markmap sets each content as innerHTML: the hostile tag must arrive as text.
    expect(JSON.stringify(page.tree)).not.toContain("<img");
    const moment = page.tree.children[0]?.children[0]?.children[0] as MarkmapNode;
    expect(moment.content).toMatch(/^<a href="https:\/\/www\.youtube\.com\/watch\?v=abc123&amp;t=163s"/);
  });

  it("escapes the page title", () => {
    const match = /<title>(.*)<\/title>/.exec(html);
    expect(htmlText(match?.[1] ?? "")).toBe(shown(`Episode ${HOSTILE}`));
  });
});
