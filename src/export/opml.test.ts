import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FIXTURE_TREE, fixtureData, titleTree } from "../../test/helpers/export-fixture.js";
import { type OpmlOutline, opmlTitles, parseOpml } from "../../test/helpers/export-readers.js";
import { mapOptionsFor } from "./map-options.js";
import { mapToOpml } from "./opml.js";

function findOutline(o: OpmlOutline, pred: (o: OpmlOutline) => boolean): OpmlOutline | undefined {
  if (pred(o)) return o;
  for (const c of o.outline ?? []) {
    const hit = findOutline(c, pred);
    if (hit) return hit;
  }
  return undefined;
}

describe("mapToOpml", () => {
  const xml = mapToOpml({ ...FIXTURE_TREE, note: "a\nnote" }, mapOptionsFor(fixtureData()));
  const doc = parseOpml(xml);
  const root = doc.outlines[0] as OpmlOutline;

  it("writes well-formed OPML 2.0 whose outline tree is the map", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(doc.version).toBe("2.0");
    expect(doc.head.title).toBe(titleTree(FIXTURE_TREE).title);
    expect(doc.head.dateCreated).toBe("Fri, 02 Jan 2026 03:04:05 GMT");
    expect(doc.outlines).toHaveLength(1);
    expect(opmlTitles(root)).toEqual(titleTree(FIXTURE_TREE));
    expect(root._note).toBe("a\nnote");
  });

  it("makes moments link outlines to the video at that second", () => {
    const moment = findOutline(root, (o) => o.text.startsWith("00:02:43"));
    expect(moment?.type).toBe("link");
    expect(moment?.url).toBe("https://www.youtube.com/watch?v=abc123&t=163s");
    expect(root.url).toBeUndefined();
  });

  it("escapes transcript text: no markup and no CDATA end survive", () => {
    expect(xml).not.toContain("<img");
    expect(xml).not.toContain("]]>");
    expect(xml).not.toContain("</script");
  });

  it("links nothing without a video, and drops characters XML cannot carry", () => {
    const plain = mapToOpml(
      { title: "bad \u0000\u0007 \uD800 chars\uFFFE", startMs: 5, children: [] },
      mapOptionsFor(fixtureData(null)),
    );
    expect(XMLValidator.validate(plain)).toBe(true);
    const outline = parseOpml(plain).outlines[0] as OpmlOutline;
    expect(outline.text).toBe("bad chars");
    expect(outline.url).toBeUndefined();
  });
});
