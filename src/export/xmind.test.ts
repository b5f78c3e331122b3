import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { FIXTURE_TREE, fixtureData, titleTree } from "../../test/helpers/export-fixture.js";
import { readXMind, xmindTitles } from "../../test/helpers/export-readers.js";
import { mapOptionsFor } from "./map-options.js";
import { mapToXMind, type XMindSheet, type XMindTopic } from "./xmind.js";

function allTopics(t: XMindTopic): XMindTopic[] {
  return [t, ...(t.children?.attached ?? []).flatMap(allTopics)];
}

describe("mapToXMind", () => {
  const bytes = mapToXMind({ ...FIXTURE_TREE, note: "root note" }, mapOptionsFor(fixtureData()));
  const xmind = readXMind(bytes);

  it("is a zip holding content.json, manifest.json and metadata.json", () => {
    expect(xmind.files).toEqual(["content.json", "manifest.json", "metadata.json"]);
    expect(xmind.json("manifest.json")).toEqual({ "file-entries": { "content.json": {}, "metadata.json": {} } });
    expect((xmind.json("metadata.json") as { creator: { name: string } }).creator.name).toBe("deeplisten");
  });

  it("holds one sheet whose topic tree is the map", () => {
    expect(xmind.sheets).toHaveLength(1);
    const sheet = xmind.sheets[0] as XMindSheet;
    expect(sheet.class).toBe("sheet");
    expect((xmind.json("metadata.json") as { activeSheetId: string }).activeSheetId).toBe(sheet.id);
    expect(xmindTitles(sheet.rootTopic)).toEqual(titleTree(FIXTURE_TREE));
    expect(sheet.rootTopic.notes?.plain.content).toBe("root note");
    const topics = allTopics(sheet.rootTopic);
    expect(new Set(topics.map((t) => t.id)).size).toBe(topics.length);
    const moment = topics.find((t) => t.title.startsWith("00:02:43"));
    expect(moment?.href).toBe("https://www.youtube.com/watch?v=abc123&t=163s");
  });

  it("keeps hostile text as data: JSON strings, read back exactly", () => {
    const text = strFromU8(unzipSync(bytes)["content.json"] as Uint8Array);
    expect(text).toContain("<img src=x onerror=alert(1)>");
    expect(xmindTitles((xmind.sheets[0] as XMindSheet).rootTopic).title).toContain("]]>");
  });

  it("gives the same bytes for the same map", () => {
    expect(mapToXMind(FIXTURE_TREE, { createdAt: "2026-01-02T03:04:05Z" })).toEqual(
      mapToXMind(FIXTURE_TREE, { createdAt: "2026-01-02T03:04:05Z" }),
    );
  });
});
