import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build } from "vite";

const ROOT = join(import.meta.dirname, "..", "..");
const SOURCES = [join(ROOT, "web"), join(ROOT, "src", "server", "contract"), join(ROOT, "vite.config.ts")];
const BUILT = join(ROOT, "dist", "web", "index.html");

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Vitest global setup: the browser tests and the server's page routes use the real built web app,
 * so it is built once per run (only when web/ changed since the last build).
 */
export default async function setup(): Promise<void> {
  const stale = !existsSync(BUILT) || Math.max(...SOURCES.map(newestMtime)) > statSync(BUILT).mtimeMs;
  if (!stale) return;
  // Vitest sets NODE_ENV=test, which would give React's development build: test what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ configFile: join(ROOT, "vite.config.ts"), logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
