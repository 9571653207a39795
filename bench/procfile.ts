import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");

/** The worker line of the Procfile (what Heroku runs): its environment assignments and node flags. */
export function workerCommand(): { env: Record<string, string>; nodeArgs: string[] } {
  const line = readFileSync(join(ROOT, "Procfile"), "utf8").match(/^worker:\s*(.+)$/m)?.[1] ?? "";
  const words = line.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^\w+=/.test(words[0] ?? "")) {
    const [key, ...value] = words.shift()!.split("=");
    env[key] = value.join("=");
  }
  return { env, nodeArgs: words.slice(1).filter((word) => word.startsWith("-")) };
}
