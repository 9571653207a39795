import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "../support/session.ts";
import { ROOT, tempSqliteUrl } from "../support/bot-process.ts";
import { addIdea } from "../support/owner-chat.ts";
import { handmadeZip, zerosDeflate } from "../support/zip-bomb.ts";
import { reliabilityCase } from "./support/case.ts";
import { sqliteRows, sqliteRun } from "./support/crash-kit.ts";

const AREA = "What the outside world sends back";
const tmp = mkdtempSync(join(tmpdir(), "designflow-hostile-archive-"));
const session = new BotSession();
let exported: Uint8Array;

/** `npm run import -- file` into `databaseUrl`: exit code, output, and the process's peak memory (VmHWM, MB). */
function runImport(file: string, databaseUrl: string): Promise<{ code: number | null; out: string; peakMb: number }> {
  const child = spawn(process.execPath, [join(ROOT, "dist/scripts/import.js"), file], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, DOTENV_CONFIG_PATH: "/nonexistent" },
  });
  let out = "";
  let peakKb = 0;
  child.stdout.on("data", (chunk) => (out += chunk));
  child.stderr.on("data", (chunk) => (out += chunk));
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0));
    } catch {
      // exited meanwhile
    }
  }, 10);
  return new Promise((resolve) =>
    child.on("exit", (code) => {
      clearInterval(sampler);
      resolve({ code, out, peakMb: peakKb / 1024 });
    }),
  );
}

/** Projects in the target database; none when the import refused before it even created the tables. */
function projectCount(url: string): number {
  const tables = sqliteRows<{ name: string }>(url, "SELECT name FROM sqlite_master WHERE name = 'Project'");
  return tables.length ? sqliteRows<{ n: number }>(url, "SELECT COUNT(*) AS n FROM Project")[0].n : 0;
}

beforeAll(async () => {
  await session.start();
  await addIdea(session.chat, "Стул из архива", "Дуб");
  const call = await session.chat.send("/export", (c) => c.method === "sendDocument");
  exported = new Uint8Array(Object.values(call.files)[0].bytes);
}, 60_000);
afterAll(() => session.close());

describe("a restored archive is checked before it is written", () => {
  it("bad settings, a doubled id and a __proto__ table: one line each, the database untouched", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "an /export archive edited: the time zone “Mars/Olympus”, quiet hours that are not JSON, a project row twice, " +
        "a deadline on 30 February at 9:5, " +
        "a table named __proto__; then npm run import",
      checked: "exit 1 with one line per bad row or table, naming it; the target database has no project",
    });
    const files = unzipSync(exported);
    const data = JSON.parse(strFromU8(files["data.json"]));
    const at = new Date().toISOString();
    data.tables.Setting.rows.push(
      { key: "reminders:tz", value: "Mars/Olympus", updatedAt: at },
      { key: "reminders:quiet", value: "{not json", updatedAt: at },
    );
    data.tables.Project.rows.push({ ...data.tables.Project.rows[0] });
    Object.assign(data.tables.Project.rows[0], { deadlineDate: "2027-02-30", deadlineTime: "9:5" });
    // JSON.stringify would drop an own "__proto__": the key is written into the text, as a hostile file would have it.
    const text = JSON.stringify(data).replace('"tables":{', '"tables":{"__proto__":{"fields":{},"rows":[]},');
    const file = join(tmp, "edited.zip");
    writeFileSync(file, zipSync({ ...files, "data.json": strToU8(text) }));
    const target = tempSqliteUrl();
    const { code, out } = await runImport(file, target);
    expect(code).toBe(1);
    expect(out).toContain("Mars/Olympus");
    expect(out).toContain("reminders:quiet");
    expect(out).toMatch(/Project row 2 \(id \d+\): id appears twice/);
    expect(out).toContain('deadlineDate = "2027-02-30" is not a day (YYYY-MM-DD)');
    expect(out).toContain('deadlineTime = "9:5" is not a time (HH:MM)');
    expect(out).toContain('table "__proto__"');
    expect(projectCount(target)).toBe(0);
    const said = out.slice(out.indexOf("import:")).trim().split("\n");
    done(`exit ${code}; ${said.length} lines: ${said.join(" / ")}`);
  }, 60_000);

  it("1 MB that unpacks to 1 GB: refused with bounded memory", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected: "an archive with data.json and one entry that inflates to 1 GiB of zeros (≈ 1 MB compressed)",
      checked: "exit 1 naming the entry; the import's peak resident memory ≤ 450 MB; the database untouched",
    });
    const bomb = zerosDeflate(16);
    const dataJson = Buffer.from(unzipSync(exported)["data.json"]);
    const file = join(tmp, "bomb.zip");
    writeFileSync(
      file,
      handmadeZip([
        { name: "data.json", data: dataJson, method: 0, declaredSize: dataJson.length },
        { name: "files/PdfTemplateFile/1/bytes.bin", data: bomb, method: 8, declaredSize: 1024 },
      ]),
    );
    const target = tempSqliteUrl();
    const { code, out, peakMb } = await runImport(file, target);
    expect(code).toBe(1);
    expect(out).toContain("files/PdfTemplateFile/1/bytes.bin unpacks to more than");
    expect(peakMb).toBeLessThanOrEqual(450);
    expect(projectCount(target)).toBe(0);
    done(
      `exit ${code}: “${out.trim()}”; peak ${peakMb.toFixed(0)} MB for a ${(bomb.length / 1e6).toFixed(1)} MB entry`,
    );
  }, 120_000);

  it("settings stored by hand that do not read: the bot starts, uses the defaults and says so once", async (ctx) => {
    const done = reliabilityCase(ctx, {
      area: AREA,
      injected:
        "a database whose settings hold the time zone “Mars/Olympus”, quiet hours “{not json” and a digest day 9; " +
        "the bot is started on it",
      checked: "the bot starts and answers /start; each bad value is logged once; nothing fatal",
    });
    const url = tempSqliteUrl();
    const first = new BotSession({ databaseUrl: url });
    await first.start();
    await first.close();
    const at = new Date().toISOString();
    for (const [key, value] of [
      ["reminders:tz", "Mars/Olympus"],
      ["reminders:quiet", "{not json"],
      ["reminders:digest", '{"day":9,"hour":10}'],
    ])
      sqliteRun(url, "INSERT INTO Setting (key, value, updatedAt) VALUES (?, ?, ?)", key, value, at);
    const second = new BotSession({ databaseUrl: url });
    try {
      await second.start();
      const reply = await second.chat.send("/start");
      expect(String(reply.payload.text)).not.toBe("");
      const warnings = second.bot.output.split("\n").filter((line) => line.includes("a stored setting does not read"));
      expect(warnings.map((line) => JSON.parse(line).key).sort()).toEqual([
        "reminders:digest",
        "reminders:quiet",
        "reminders:tz",
      ]);
      expect(second.bot.output).not.toContain('"level":60');
      done(`started; /start answered; ${warnings.length} warnings, one per bad value`);
    } finally {
      await second.close();
    }
  }, 60_000);
});
