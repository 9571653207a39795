import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LONG_OPERATIONS, SlowWorld } from "./support/slow-world.ts";

/**
 * Updates are handled one at a time, so an update that awaits Gemini, Fal, Notion or Chromium freezes the bot for
 * everything else. With fakes as slow as the real services, /start sent while each long operation runs must be
 * answered at once (npm run bench prints the p50/p95 of these waits).
 */
describe("no tap waits on the world (fakes answering as slowly as the real services)", () => {
  const world = new SlowWorld();
  beforeAll(() => world.start(), 120_000);
  afterAll(() => world.close());

  for (const operation of LONG_OPERATIONS) {
    it(`answers /start within 1 s while: ${operation.name}`, async () => {
      const waited = await world.startAnsweredDuring(operation);
      console.info(`latency: /start answered after ${Math.round(waited)} ms during ${operation.name}`);
      expect(waited).toBeLessThan(1_000);
    }, 120_000);
  }
});
