import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Crash, abuse and fault injection run separately: npm run test:reliability.
    exclude: ["tests/reliability/**", "**/node_modules/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file spawns real bot processes and Chromium; two at a time suits a 2-core machine.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
