import { execFile } from "node:child_process";
import type { CliRun } from "./cli.js";
import { BIN } from "./cli.js";

/** Runs `deeplisten` with text typed on its standard input, as a learner at the terminal would. */
export function runDeeplistenWithInput(home: string, args: string[], input: string): Promise<CliRun> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, DEEPLISTEN_HOME: home, NO_COLOR: "1" }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) =>
        done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(input);
  });
}
