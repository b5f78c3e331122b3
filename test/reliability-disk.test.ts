import { execFile, execFileSync } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE } from "../src/library/index.js";
import { BIN, type CliRun, runDeeplisten } from "./helpers/cli.js";

/**
 * A full disk and a read-only library folder, for real: the library lives on a small tmpfs that is
 * filled up, and in a folder the user running deeplisten may not write. Each gives one sentence and
 * leaves the library as it was. Mounting needs root (as on the CI machine): elsewhere these skip.
 */
function canMount(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), "deeplisten-mount-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], { stdio: "ignore" });
    execFileSync("umount", [probe], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}
const MOUNTABLE = canMount();
if (!MOUNTABLE) console.warn("[reliability-disk] not root or no tmpfs mounts here: the full-disk test is skipped");

const episodeCount = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM episode").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe.skipIf(!MOUNTABLE)("a full disk", () => {
  const mountPoint = mkdtempSync(join(tmpdir(), "deeplisten-full-"));
  const home = join(mountPoint, "library");
  const filler = join(mountPoint, "filler.bin");

  beforeAll(() => {
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=6m", "tmpfs", mountPoint]);
  });
  afterAll(() => {
    execFileSync("umount", ["-l", mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it("refuses an import with one sentence, keeps the library intact, and works again once space is freed", async () => {
    const first = await runDeeplisten(home, ["import", SAMPLE.transcript]);
    expect(first.code).toBe(0);
    const before = episodeCount(join(home, "library.sqlite"));
    // Give back the write-ahead log's space, so the next import needs new room on the disk.
    const wal = new Database(join(home, "library.sqlite"));
    wal.pragma("wal_checkpoint(TRUNCATE)");
    wal.close();

    // Fill the disk to the last byte.
    const fd = openSync(filler, "w");
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (;;) writeSync(fd, block);
    } catch {
      // ENOSPC: the disk is full now.
    } finally {
      closeSync(fd);
    }

    const second = await runDeeplisten(home, ["import", join(SAMPLE.dir, "transcript.vtt"), "--title", "Second copy"]);
    expect(second.code).toBe(1);
    const lines = second.stderr.trim().split("\n");
    expect(lines.at(-1)).toBe(
      `deeplisten import: the disk holding the library (${home}) is full: free some space and try again; nothing was changed`,
    );

    rmSync(filler);
    const db = new Database(join(home, "library.sqlite"));
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    expect(episodeCount(join(home, "library.sqlite"))).toBe(before);
    const retry = await runDeeplisten(home, ["import", join(SAMPLE.dir, "transcript.vtt"), "--title", "Second copy"]);
    expect(retry.code).toBe(0);
    expect(episodeCount(join(home, "library.sqlite"))).toBe(before + 1);
  });
});

/** Runs the CLI as an unprivileged user (nobody), so folder permissions apply even on a root machine. */
function runAsNobody(home: string, args: string[]): Promise<CliRun> {
  const asRoot = process.getuid?.() === 0;
  const [cmd, cmdArgs] = asRoot
    ? ["setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args]]
    : [process.execPath, [BIN, ...args]];
  return new Promise((done) => {
    execFile(
      cmd as string,
      cmdArgs as string[],
      { env: { ...process.env, DEEPLISTEN_HOME: home, NO_COLOR: "1", HOME: tmpdir() } },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

describe("a read-only library folder", () => {
  const root = mkdtempSync(join(tmpdir(), "deeplisten-ro-"));
  const home = join(root, "library");
  afterAll(() => {
    chmodSync(home, 0o755);
    rmSync(root, { recursive: true, force: true });
  });

  it("says the folder cannot be written, and changes nothing", async () => {
    mkdirSync(home);
    expect((await runDeeplisten(home, ["import", SAMPLE.transcript])).code).toBe(0);
    const file = join(home, "library.sqlite");
    const before = episodeCount(file);
    chmodSync(root, 0o755);
    chmodSync(file, 0o444);
    chmodSync(home, 0o555);

    const run = await runAsNobody(home, ["import", join(SAMPLE.dir, "transcript.vtt"), "--title", "Another"]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split("\n").at(-1)).toBe(
      `deeplisten import: the library folder ${home} cannot be written (read-only or not yours): fix its permissions or choose another with --home; nothing was changed`,
    );
    expect(episodeCount(file)).toBe(before);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
  });
});
