import { defineConfig } from "vitest/config";

/** `npm run test:browsers`: the npm registry's browser against Debian's headless shell (needs both installed). */
export default defineConfig({
  test: {
    include: ["tests/browsers/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
