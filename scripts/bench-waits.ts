/**
 * What the owner feels while long work runs: /start sent 100 ms after each long operation starts, against fakes as
 * slow as the real services (Notion 800 ms a request, Gemini 8 s, Fal 10 s a job, Telegram 60 ms a call). Prints the
 * p50/p95 of the waits per operation over the rounds, and exits 1 when any p95 is over the 1 s target.
 *   npm run bench:waits [-- --rounds 3]
 */
import { LONG_OPERATIONS, SlowWorld } from "../tests/support/slow-world.ts";
import { percentile } from "../bench/stats.ts";

const TARGET_MS = 1_000;
const rounds = Number(process.argv[process.argv.indexOf("--rounds") + 1]) || (process.argv.includes("--quick") ? 2 : 5);

const waits = new Map<string, number[]>(LONG_OPERATIONS.map((operation) => [operation.name, []]));
const world = await new SlowWorld().start();
try {
  for (let round = 0; round < rounds; round++)
    for (const operation of LONG_OPERATIONS)
      waits.get(operation.name)!.push(await world.startAnsweredDuring(operation));
} finally {
  await world.close();
}

console.log(
  `/start sent 100 ms after a long operation starts → main menu delivered, ${rounds} rounds (target p95 < 1 s)\n`,
);
console.log("operation | p50 ms | p95 ms | max ms");
console.log("----------|--------|--------|-------");
let missed = 0;
for (const [name, values] of waits) {
  const p95 = percentile(values, 95);
  if (p95 >= TARGET_MS) missed++;
  const row = [percentile(values, 50), p95, Math.max(...values)].map((ms) => Math.round(ms));
  console.log(`${name} | ${row.join(" | ")}${p95 >= TARGET_MS ? " ← over 1 s" : ""}`);
}
process.exit(missed === 0 ? 0 : 1);
