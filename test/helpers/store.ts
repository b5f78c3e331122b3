import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type Store, sequentialIds } from "../../src/store/index.js";

/** A fixed clock for tests: 2026-01-02T03:04:05Z, one second later at each call. */
export function fixedClock(start = Date.UTC(2026, 0, 2, 3, 4, 5)): () => Date {
  let t = start;
  return () => {
    const d = new Date(t);
    t += 1000;
    return d;
  };
}

/** A fresh library in a temporary folder, built by the real migrations, with fixed clock and ids. */
export function freshStore(): Store & { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "deeplisten-test-"));
  const store = openStore(join(dir, "library.sqlite"), { now: fixedClock(), newId: sequentialIds() });
  return {
    ...store,
    dir,
    cleanup: () => {
      store.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
