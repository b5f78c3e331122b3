import { describe, expect, it } from "vitest";
import { explainStorageError } from "./storage-errors.js";

describe("explainStorageError", () => {
  it("names the full disk and the library folder", () => {
    expect(explainStorageError({ code: "SQLITE_FULL" }, "/lib")).toBe(
      "the disk holding the library (/lib) is full: free some space and try again; nothing was changed",
    );
  });
  it("tells a read-only folder apart from other failures", () => {
    expect(explainStorageError({ code: "SQLITE_READONLY_DBMOVED" }, "/lib")).toMatch(/cannot be written/);
    expect(explainStorageError({ code: "EACCES" }, "/lib")).toMatch(/\/lib cannot be written/);
    expect(explainStorageError(new Error("boom"), "/lib")).toBeNull();
    expect(explainStorageError({ code: "SQLITE_CONSTRAINT" }, "/lib")).toBeNull();
  });
});
