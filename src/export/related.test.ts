import { describe, expect, it } from "vitest";
import { fixtureData } from "../../test/helpers/export-fixture.js";
import { relatedConcepts } from "./related.js";

describe("relatedConcepts", () => {
  const concepts = fixtureData().concepts;
  const names = (id: number, max?: number) =>
    (relatedConcepts(concepts, max).get(id) ?? []).map((c) => c.name.slice(0, 12));

  it("puts the pack's relations first, either way round, then concepts said in the same segments", () => {
    // MoE's pack entry names the router; MoE shares segments 10-12 with the router and the hostile concept.
    expect(names(1)).toEqual(["Router", "Hostile <img"]);
    expect(names(2)).toEqual(["Mixture of E"]);
    expect(names(3)).toEqual(["Mixture of E"]);
  });

  it("keeps at most `max`, never dropping the pack's relations", () => {
    expect(names(1, 1)).toEqual(["Router"]);
  });
});
