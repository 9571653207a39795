import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // A Bot API call Telegram would refuse fails the test that caused it.
    setupFiles: ["tests/support/strict-bot-api.ts"],
    // The run's Postgres (the local server, TEST_PG_URL or an embedded one) and PDF browser, chosen once.
    globalSetup: ["tests/support/global-setup.ts"],
    include: ["tests/**/*.test.ts"],
    // Crash, abuse and fault injection run separately: npm run test:reliability.
    // tests/browsers/ compares two browsers and needs Debian's as well: npm run test:browsers.
    exclude: ["tests/reliability/**", "tests/browsers/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file spawns real bot processes and Chromium; two at a time suits a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
