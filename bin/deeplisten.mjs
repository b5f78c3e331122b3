#!/usr/bin/env node
// The `deeplisten` command. The source is TypeScript, run through tsx's loader so there is no build
// step between a clone and a working command.
import { register } from "tsx/esm/api";

register();
// `deeplisten list | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});
const { runCli } = await import("../src/cli/main.ts");
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
