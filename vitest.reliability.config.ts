import { defineConfig } from "vitest/config";
import ReliabilityReporter from "./tests/reliability/support/reporter.ts";

/** `npm run test:reliability`: crash, abuse and fault injection; writes docs/RELIABILITY.md. */
export default defineConfig({
  test: {
    // A Bot API call Telegram would refuse fails the test that caused it.
    setupFiles: ["tests/support/strict-bot-api.ts"],
    // The run's Postgres (the local server, TEST_PG_URL or an embedded one) and PDF browser, chosen once.
    globalSetup: ["tests/support/global-setup.ts"],
    include: ["tests/reliability/**/*.test.ts"],
    // Floods, outage windows and kill -9 restarts take longer than the feature tests.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    maxWorkers: 2,
    fileParallelism: true,
    reporters: ["default", new ReliabilityReporter()],
  },
});
