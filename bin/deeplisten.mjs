#!/usr/bin/env node
// The `deeplisten` command. The source is TypeScript, run through tsx's loader so there is no build
// step between a clone and a working command.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("../src/cli/main.ts");
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
