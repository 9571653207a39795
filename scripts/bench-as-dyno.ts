import { spawn } from "node:child_process";
import { workerCommand } from "../bench/procfile.ts";

/**
 * A benchmark of code that runs in the bot's process is timed under the node flags and environment the Procfile's
 * worker line gives that process (V8's young generation size, for one, changes how often and how long it collects).
 * Returns `rerun`, the exit code of this script started again that way, unless this process already runs so.
 */
export function asTheDynoRunsNode(script: string): { rerun?: Promise<number>; described: string } {
  const { env, nodeArgs } = workerCommand();
  const described = [...Object.entries(env).map(([key, value]) => `${key}=${value}`), ...nodeArgs].join(" ");
  if (process.env.BENCH_AS_DYNO === "1") return { described };
  const child = spawn(process.execPath, [...nodeArgs, "--import", "tsx", script, ...process.argv.slice(2)], {
    env: { ...process.env, ...env, BENCH_AS_DYNO: "1", BENCH_PLAIN_ENV: JSON.stringify(process.env) },
    stdio: "inherit",
  });
  const rerun = new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { rerun, described };
}

/** The environment this benchmark was started with, before the Procfile's: for programs the bot does not start. */
export const plainEnv = (): NodeJS.ProcessEnv =>
  process.env.BENCH_PLAIN_ENV ? (JSON.parse(process.env.BENCH_PLAIN_ENV) as NodeJS.ProcessEnv) : process.env;
