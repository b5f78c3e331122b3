import { describe, expect, it } from "vitest";
import { fixtureData } from "../../test/helpers/export-fixture.js";
import { EXPORT_FORMATS, ExportError, isExportFormat, renderExport } from "./render.js";

describe("renderExport", () => {
  const data = fixtureData();
  const assets = () => ({ d3: "/* d3 */", markmapView: "/* markmap */" });

  it("renders every format: text, bytes for xmind and apkg, a folder for obsidian", () => {
    for (const format of Object.keys(EXPORT_FORMATS)) {
      if (!isExportFormat(format)) throw new Error(format);
      const output = renderExport(format, data, { markmapAssets: assets, episodeBackup: () => ({ episode: "ep1" }) });
      if (format === "obsidian") expect(output.kind).toBe("folder");
      else if (output.kind === "file") {
        const bytes = format === "xmind" || format === "apkg";
        expect(bytes ? output.content instanceof Uint8Array : typeof output.content === "string").toBe(true);
      } else throw new Error(`${format} gave a folder`);
    }
  });

  it("knows its formats and nothing else", () => {
    expect(isExportFormat("opml")).toBe(true);
    expect(isExportFormat("pdf")).toBe(false);
    expect(isExportFormat("toString")).toBe(false);
  });

  it("says to analyse first when there is no map, but still writes notes and cards", () => {
    const unanalysed = { ...data, map: null, concepts: [] };
    for (const format of ["opml", "freemind", "mermaid", "markmap", "ascii", "xmind"] as const) {
      expect(() => renderExport(format, unanalysed, { markmapAssets: assets })).toThrow(ExportError);
      expect(() => renderExport(format, unanalysed, { markmapAssets: assets })).toThrow(/deeplisten analyze ep1/);
    }
    expect(renderExport("md", unanalysed).kind).toBe("file");
    expect(renderExport("anki", unanalysed).kind).toBe("file");
  });
});
