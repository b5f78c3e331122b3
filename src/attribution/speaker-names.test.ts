import { describe, expect, it } from "vitest";
import { resolveSpeakerName, sameSpeaker } from "./speaker-names.js";

describe("sameSpeaker", () => {
  it("matches a first name, a surname, case, accents and titles", () => {
    expect(sameSpeaker("Nathan", "Nathan Lambert")).toBe(true);
    expect(sameSpeaker("Lambert", "Nathan Lambert")).toBe(true);
    expect(sameSpeaker("dr. nathan lambert", "Nathan Lambert")).toBe(true);
    expect(sameSpeaker("Jose Garcia", "José García")).toBe(true);
    expect(sameSpeaker("杨植麟", "杨植麟博士")).toBe(true);
  });

  it("tells different people apart", () => {
    expect(sameSpeaker("Nathan", "Sebastian Raschka")).toBe(false);
    expect(sameSpeaker("Lambert Nathan Smith", "Nathan Lambert")).toBe(false);
    expect(sameSpeaker("杨", "杨植麟")).toBe(false);
    expect(sameSpeaker("", "Nathan")).toBe(false);
  });
});

describe("resolveSpeakerName", () => {
  const names = ["Lex Fridman", "Sam Altman", "Sam Harris"];
  it("prefers the exact name, then a unique loose match", () => {
    expect(resolveSpeakerName(names, "Lex Fridman")).toBe("Lex Fridman");
    expect(resolveSpeakerName(names, "lex")).toBe("Lex Fridman");
    expect(resolveSpeakerName(names, "Harris")).toBe("Sam Harris");
  });
  it("refuses an ambiguous or unknown name", () => {
    expect(resolveSpeakerName(names, "Sam")).toBeNull();
    expect(resolveSpeakerName(names, "Nathan")).toBeNull();
  });
});
