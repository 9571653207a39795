#!/usr/bin/env node
// heroku-cleanup (after `npm prune`): `npm prune` keeps devDependencies that a production package names as an
// optional peer — @prisma/client's peers `prisma` (with Prisma Studio and Prisma's dev server) and
// `typescript`, ~150 MB never used at run time. The lockfile marks exactly these `devOptional`: needed in
// development, optional in production. They are removed from the slug here.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8"));
let removed = 0;
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (!path.startsWith("node_modules/") || !entry.devOptional || !existsSync(join(root, path))) continue;
  rmSync(join(root, path), { recursive: true, force: true });
  removed++;
}
rmSync(join(root, "node_modules", ".bin", "prisma"), { force: true });
rmSync(join(root, "node_modules", ".bin", "tsc"), { force: true });
console.log(`heroku-cleanup: removed ${removed} packages only development needs`);
