import { join } from "node:path";
import { readEnv, resolveHome } from "../config/env.js";
import { openStore, type Store } from "../store/index.js";

/** What every command gets: where to write, and how to talk. */
export interface CliContext {
  home: string;
  json: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  openLibrary: () => Store;
}

/** The SQLite file inside a library folder. */
export function libraryFile(home: string): string {
  return join(home, "library.sqlite");
}

export function createContext(options: { home?: string; json: boolean }): CliContext {
  const env = readEnv();
  const home = resolveHome(options.home, env);
  let store: Store | null = null;
  return {
    home,
    json: options.json,
    stdout: (text) => process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
    openLibrary: () => {
      store ??= openStore(libraryFile(home));
      return store;
    },
  };
}
