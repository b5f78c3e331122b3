import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // The browser tests drive the real built web app: build it once per run when web/ changed.
    globalSetup: ["test/helpers/build-web.ts"],
    // Generous: many tests start the real CLI or Chromium, and CI shares two cores among them.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each test file opens its own SQLite file; two workers match the machine's two cores.
    pool: "forks",
    maxWorkers: 2,
  },
});
