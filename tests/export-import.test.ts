import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { ROOT, tempSqliteUrl } from "./support/bot-process.ts";
import { createTestDatabase } from "./support/postgres.ts";
import { BOT_USER, OWNER_ID, type RecordedCall } from "./support/fake-bot-api.ts";
import { buttonsOf, type OwnerChat } from "./support/owner-chat.ts";
import { addIdea } from "./support/owner-chat.ts";
import { Buttons } from "../src/bot/buttons.ts";

const HOSTILE = `<b>&"Стул"</b> 🙂 *md* שלום`;
const tmp = mkdtempSync(join(tmpdir(), "designflow-export-"));

function runImport(args: string[], databaseUrl: string) {
  const result = spawnSync(process.execPath, [join(ROOT, "dist/scripts/import.js"), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, DOTENV_CONFIG_PATH: "/nonexistent" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

/** Every row of every data table, straight from SQLite (flow state and migration bookkeeping aside). */
function sqliteTables(url: string): Record<string, unknown[]> {
  const db = new Database(url.slice("file:".length), { readonly: true });
  try {
    const names = (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', 'ConversationState', 'BackgroundJob') ORDER BY name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    return Object.fromEntries(names.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]));
  } finally {
    db.close();
  }
}

async function exportVia(
  chat: OwnerChat,
): Promise<{ call: RecordedCall; progress: RecordedCall[]; file: string; zip: Uint8Array }> {
  const since = chat.api.calls.length;
  const call = await chat.send("/export", (c) => c.method === "sendDocument");
  // The archive is built by a job, which edits its progress message once the archive has gone out.
  await chat.api.waitForCall(
    (c) => c.method === "editMessageText" && /Резервная копия готова|backup is ready/.test(String(c.payload.text)),
    {
      since,
    },
  );
  const progress = chat.api.calls
    .slice(since)
    .filter((c) => c.method === "sendMessage" || c.method === "editMessageText");
  const file = Object.values(call.files)[0]; // grammY uploads under a random field, referenced as attach://
  return { call, progress, file: file.name, zip: new Uint8Array(file.bytes) };
}

const tablesOf = (zip: Uint8Array) =>
  JSON.parse(strFromU8(unzipSync(zip)["data.json"])).tables as Record<
    string,
    { fields: Record<string, string>; rows: Record<string, unknown>[] }
  >;

describe("/export → npm run import", () => {
  const session = new BotSession();
  let zipPath = "";
  let zip: Uint8Array;
  beforeAll(async () => {
    await session.start();
    const chair = await addIdea(session.chat, HOSTILE, "Описание\nв две строки & <tags>");
    const lamp = await addIdea(session.chat, "Лампа", "Латунь");
    await session.chat.tap(Buttons.project.pack({ id: lamp, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id: lamp, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: lamp, action: "deadline" }));
    await session.chat.tap(Buttons.deadline.pack({ pick: "week" }));
    await session.chat.tap(Buttons.project.pack({ id: chair, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id: chair, action: "activate" }));
    await session.chat.tap(Buttons.project.pack({ id: chair, action: "activate", arg: "7" }));
    const card = {
      ...session.chat.messageWithButton(Buttons.project.pack({ id: chair, action: "complete" })),
      from: BOT_USER,
    };
    const message = (content: object) => ({
      message: {
        message_id: 90_000 + Math.floor(Math.random() * 1000),
        date: 1,
        chat: { id: OWNER_ID, type: "private" },
        from: { id: OWNER_ID, is_bot: false, first_name: "Owner" },
        reply_to_message: card,
        ...content,
      },
    });
    await session.chat.push(message({ text: "Заметка к стулу" }));
    session.api.addFile("render-1", Buffer.from("JPEG bytes of the render"));
    await session.chat.push(
      message({ photo: [{ file_id: "render-1", file_unique_id: "r1", width: 10, height: 10 }], caption: "рендер" }),
    );
  });
  afterAll(() => session.close());

  it("sends a dated ZIP document after a progress message", async () => {
    const exported = await exportVia(session.chat);
    zip = exported.zip;
    const date = new Intl.DateTimeFormat("en-CA", {
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      timeZone: "Europe/Moscow",
    }).format(new Date());
    expect(exported.file).toBe(`designflow-export-${date}.zip`);
    expect(exported.call.payload.caption).toContain("Проектов: 2 · файлов и заметок: 2 · шаблонов: 0");
    // Written for the owner, not a developer.
    expect(exported.call.payload.caption).toContain("Сохраните этот файл");
    expect(exported.call.payload.caption).not.toContain("npm run");
    // The files themselves, not only their Telegram ids.
    expect(exported.call.payload.caption).toContain("копий файлов внутри: 1");
    const entries = unzipSync(zip);
    const copy = Object.keys(entries).find(
      (path) => path.startsWith("telegram/") && path.endsWith("final_render.jpg"),
    )!;
    expect(Buffer.from(entries[copy]).toString()).toBe("JPEG bytes of the render");
    expect(JSON.parse(Buffer.from(entries["telegram/files.json"]).toString())).toEqual([
      expect.objectContaining({ kind: "final_render", file: copy }),
    ]);
    expect(exported.progress[0].payload.text).toContain("Собираю резервную копию");
    // The archive is built by a job: the progress message is edited once it has gone out.
    await session.api.waitForCall(
      (c) => c.method === "editMessageText" && String(c.payload.text).includes("Резервная копия готова"),
    );
    const tables = tablesOf(zip);
    expect(Object.keys(tables).sort()).toEqual(
      expect.arrayContaining(["PdfTemplate", "Project", "ProjectAsset", "Setting", "SyncJob"]),
    );
    expect(tables.ConversationState).toBeUndefined();
    expect(tables.BackgroundJob).toBeUndefined();
    expect(tables.Project.rows.map((r) => r.name)).toEqual([HOSTILE, "Лампа"]);
    // The deadline travels with its project, and the archive carries the calendar file for the owner.
    expect(tables.Project.rows[1].deadlineDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(strFromU8(entries["designflow-deadlines.ics"])).toContain("SUMMARY:⏳ Срок: Лампа");
    expect(tables.ProjectAsset.rows.map((r) => [r.kind, r.text])).toEqual([
      ["note", "Заметка к стулу"],
      ["final_render", "рендер"],
    ]);
    zipPath = join(tmp, exported.file);
    writeFileSync(zipPath, zip);
  });

  it("restores into a fresh SQLite database, equal field by field", () => {
    const target = tempSqliteUrl();
    const result = runImport([zipPath], target);
    expect(result.out).toContain("imported");
    expect(result.code).toBe(0);
    const source = sqliteTables(session.databaseUrl);
    const restored = sqliteTables(target);
    expect(restored).toEqual(source);
    expect((restored.Project as unknown[]).length).toBe(2);
  });

  it("refuses a database that is not empty, changing nothing", () => {
    const target = tempSqliteUrl();
    expect(runImport([zipPath], target).code).toBe(0);
    const before = sqliteTables(target);
    const again = runImport([zipPath], target);
    expect(again.code).toBe(1);
    expect(again.out).toMatch(
      /import: the database is not empty \(.*Project.*\); import restores into an empty database only/,
    );
    expect(sqliteTables(target)).toEqual(before);
  });

  it("refuses damaged or foreign files and a missing argument with a clear message", () => {
    const target = tempSqliteUrl();
    const garbage = join(tmp, "garbage.zip");
    writeFileSync(garbage, "this is not a zip");
    expect(runImport([garbage], target)).toMatchObject({ code: 1, out: expect.stringContaining("not a ZIP archive") });
    const foreign = join(tmp, "foreign.zip");
    writeFileSync(foreign, zipSync({ "readme.txt": strToU8("hi") }));
    expect(runImport([foreign], target)).toMatchObject({ code: 1, out: expect.stringContaining("no data.json") });
    const future = join(tmp, "future.zip");
    const data = JSON.parse(strFromU8(unzipSync(zip)["data.json"]));
    writeFileSync(future, zipSync({ "data.json": strToU8(JSON.stringify({ ...data, version: 99 })) }));
    expect(runImport([future], target)).toMatchObject({
      code: 1,
      out: expect.stringContaining("version 99 is not supported"),
    });
    const unknownField = join(tmp, "unknown-field.zip");
    data.tables.Project.fields.colour = "String";
    writeFileSync(unknownField, zipSync({ "data.json": strToU8(JSON.stringify(data)) }));
    expect(runImport([unknownField], target)).toMatchObject({
      code: 1,
      out: expect.stringContaining("Project: fields colour are unknown"),
    });
    expect(runImport([join(tmp, "missing.zip")], target)).toMatchObject({
      code: 1,
      out: expect.stringContaining("cannot read"),
    });
    expect(runImport([], target)).toMatchObject({ code: 2, out: expect.stringContaining("usage: npm run import -- ") });
    expect(sqliteTables(target).Project ?? []).toEqual([]);
  });

  it("restores into Postgres, where the bot carries on (same data, new ids after the imported ones)", async () => {
    const pg = await createTestDatabase();
    const onPg = new BotSession({ databaseUrl: pg.url });
    try {
      const result = runImport([zipPath], pg.url);
      expect(result.code, result.out).toBe(0);
      await onPg.start();
      // The same bot on Telegram: the files behind the imported assets are still there.
      onPg.api.addFile("render-1", Buffer.from("JPEG bytes of the render"));
      const again = tablesOf((await exportVia(onPg.chat)).zip);
      const original = tablesOf(zip);
      for (const table of ["Project", "ProjectAsset", "PdfTemplate", "SyncJob"])
        expect(again[table], table).toEqual(original[table]);
      const found = await onPg.chat.send("/find стул");
      expect(buttonsOf(found).filter((b) => b.data?.endsWith(":open"))).toHaveLength(1);
      const maxId = Math.max(...original.Project.rows.map((r) => Number(r.id)));
      expect(await addIdea(onPg.chat, "После импорта", "новая")).toBe(maxId + 1);
    } finally {
      await onPg.close();
      await pg.drop();
    }
  });

  it("exports an empty database as a valid archive", async () => {
    const empty = new BotSession();
    try {
      await empty.start();
      const { call, zip: emptyZip } = await exportVia(empty.chat);
      expect(call.payload.caption).toContain("Проектов: 0");
      expect(tablesOf(emptyZip).Project.rows).toEqual([]);
    } finally {
      await empty.close();
    }
  });
});
