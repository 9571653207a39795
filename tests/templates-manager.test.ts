import { zipSync } from "fflate";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { buttonsOf, documentMessage, type OwnerChat } from "./support/owner-chat.ts";
import { sqliteRows } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";

const HTML = `<html><head></head><body><h1>{{ project_name }}</h1><p>{{ project_description }}</p>{% for image in images %}<img src="{{ image.src }}" width="100">{% endfor %}<p>{{ client_name }}</p></body></html>`;
const CSS = `@page { size: 600px 400px; margin: 0 } h1 { font-family: "DejaVu Sans"; }`;

describe("template manager over the fake Bot API", () => {
  const session = new BotSession();
  let chat: OwnerChat;
  const db = <T>(sql: string, ...params: unknown[]): T => sqliteRows(session.databaseUrl, sql, ...params) as T;
  const upload = (fileId: string, name: string, bytes: Buffer) => {
    session.api.addFile(fileId, bytes);
    return documentMessage(fileId, name, bytes.length, "application/octet-stream");
  };

  beforeAll(async () => {
    await session.start();
    chat = session.chat;
  });
  afterAll(() => session.close());

  it("lists the built-in template and offers to add one", async () => {
    const list = await chat.send("/templates");
    expect(list.payload.text).toContain("Шаблоны PDF");
    expect(buttonsOf(list).map((b) => b.data)).toEqual([
      Buttons.template.pack({ id: 0, action: "open" }),
      Buttons.template.pack({ id: 0, action: "add" }),
      Buttons.nav.pack({ screen: "automations" }),
    ]);
  });

  it("adds HTML + CSS: checks, sample PNG and PDF, then saves", async () => {
    expect((await chat.tap(Buttons.template.pack({ id: 0, action: "add" }))).payload.text).toContain(
      "Как назовём шаблон",
    );
    expect((await chat.send("Карточка <A4>")).payload.text).toContain(".html");
    expect((await chat.push(upload("html-1", "card.html", Buffer.from(HTML)))).payload.text).toContain(".css");
    const since = session.api.calls.length;
    await chat.push(upload("css-1", "card.css", Buffer.from(CSS)));
    const pdfCall = await session.api.waitForCall((c) => c.method === "sendDocument", { since, timeoutMs: 30_000 });
    const photo = session.api.calls.slice(since).find((c) => c.method === "sendPhoto")!;
    expect(Object.values(photo.files)[0].bytes.subarray(0, 3).toString("hex")).toBe("ffd8ff");
    expect(Object.values(pdfCall.files)[0].bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const report = session.api.calls
      .slice(since)
      .filter((c) => c.method === "editMessageText")
      .map((c) => c.payload.text)
      .join("\n");
    expect(report).toContain("client_name");
    expect(
      session.api.calls
        .slice(since)
        .some((c) => c.method === "sendChatAction" && c.payload.action === "upload_document"),
    ).toBe(true);
    const saved = await chat.tap(Buttons.templateUpload.pack({ action: "save" }), (c) => c.method === "sendMessage");
    expect(saved.payload.text).toBe("💾 Шаблон «Карточка &lt;A4&gt;» сохранён.");
    expect(db<{ name: string; css: string }[]>("SELECT name, css FROM PdfTemplate")).toEqual([
      { name: "Карточка <A4>", css: CSS },
    ]);
  });

  it("refuses a duplicate name and a template with a syntax error (line and column), storing nothing", async () => {
    await chat.send("/templates");
    await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
    expect((await chat.send("Карточка <A4>")).payload.text).toContain("уже есть");
    await chat.send("Сломанный");
    await chat.push(upload("html-bad", "bad.html", Buffer.from("<p>\n{% for x in images %}\n{{ x }")));
    const since = session.api.calls.length;
    await chat.tap(Buttons.templateUpload.pack({ action: "skipcss" }));
    const error = await session.api.waitForCall(
      (c) => c.method === "editMessageText" && String(c.payload.text).includes("❌"),
      { since, timeoutMs: 20_000 },
    );
    expect(error.payload.text).toContain("строка 3");
    expect(db<unknown[]>("SELECT id FROM PdfTemplate")).toHaveLength(1);
    await chat.send("/cancel");
  });

  it("saves a Jinja2 template and says, with line and column, where it would not print what Jinja2 prints", async () => {
    const jinja = [
      `<h1>{{ project_name | upper }}</h1>{% with n = images | length %}<p>{{ "%d рендера" % n }}</p>{% endwith %}`,
      `<pre>{{ project_description | wordwrap(30) }}</pre>`,
      `<p>{{ project_name | dump }}</p>{% for image in images if image.index is odd %}<img src="{{ image }}">{% endfor %}`,
    ].join("\n");
    await chat.send("/templates");
    await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
    await chat.send("Jinja2");
    await chat.push(upload("html-jinja", "jinja.html", Buffer.from(jinja)));
    const since = session.api.calls.length;
    await chat.tap(Buttons.templateUpload.pack({ action: "skipcss" }));
    await session.api.waitForCall((c) => c.method === "sendDocument", { since, timeoutMs: 30_000 });
    const report = session.api.calls
      .slice(since)
      .filter((c) => c.method === "editMessageText")
      .map((c) => c.payload.text)
      .join("\n");
    expect(report).toContain("не то же, что Jinja2");
    expect(report).toMatch(/строка 2, столбец \d+: <code>\|wordwrap<\/code> — может выглядеть не так/);
    expect(report).toMatch(/строка 3, столбец \d+: <code>\|dump<\/code> — работает только здесь/);
    expect(report).not.toContain("строка 1,");
    await chat.tap(Buttons.templateUpload.pack({ action: "save" }), (c) => c.method === "sendMessage");
  });

  it("takes a Figma-plugin ZIP with images and fonts, warns about missing files and Cyrillic", async () => {
    const zip = Buffer.from(
      zipSync({
        "template.html": new TextEncoder().encode(
          `<div class="card"><img src="images/logo.svg"><img src="images/missing.png"><h1>{{ project_name }}</h1></div>`,
        ),
        "style.css": new TextEncoder().encode(
          `@page { size: 500px 300px; margin: 0 } @font-face { font-family: "Brand"; src: url('fonts/Brand-Regular.ttf'); } h1 { font-family: "Brand", sans-serif; }`,
        ),
        "images/logo.svg": new TextEncoder().encode(
          `<svg xmlns="http://www.w3.org/2000/svg" width="50" height="50"><rect width="50" height="50" fill="teal"/></svg>`,
        ),
        "fonts/DejaVuSans.ttf": readFileSync("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
      }),
    );
    await chat.send("/templates");
    await chat.tap(Buttons.template.pack({ id: 0, action: "add" }));
    await chat.send("Figma");
    const since = session.api.calls.length;
    await chat.push(upload("zip-1", "Frame 1.zip", zip));
    await session.api.waitForCall((c) => c.method === "sendDocument", { since, timeoutMs: 30_000 });
    const report = session.api.calls
      .slice(since)
      .filter((c) => c.method === "editMessageText")
      .map((c) => c.payload.text)
      .join("\n");
    expect(report).toContain("images/missing.png");
    expect(report).toContain("fonts/Brand-Regular.ttf");
    expect(report).toContain("Brand");
    await chat.tap(Buttons.templateUpload.pack({ action: "save" }), (c) => c.method === "sendMessage");
    const files = db<{ path: string; kind: string }[]>(
      "SELECT f.path, f.kind FROM PdfTemplateFile f JOIN PdfTemplate t ON t.id = f.templateId WHERE t.name = 'Figma' ORDER BY f.path",
    );
    expect(files).toEqual([
      { path: "__source.zip", kind: "source" },
      { path: "fonts/DejaVuSans.ttf", kind: "asset" },
      { path: "images/logo.svg", kind: "asset" },
    ]);
  });

  it("previews, makes default, and deletes with confirmation", async () => {
    const [{ id }] = db<{ id: number }[]>("SELECT id FROM PdfTemplate WHERE name = 'Figma'");
    await chat.send("/templates");
    const card = await chat.tap(Buttons.template.pack({ id, action: "open" }));
    expect(card.payload.text).toContain("Figma");
    const since = session.api.calls.length;
    await chat.tap(Buttons.template.pack({ id, action: "preview" }), (c) => c.method === "sendDocument");
    expect(session.api.calls.slice(since).some((c) => c.method === "sendPhoto")).toBe(true);
    await chat.tap(Buttons.template.pack({ id, action: "default" }));
    expect(db<{ isDefault: number }[]>("SELECT isDefault FROM PdfTemplate WHERE id = ?", id)).toEqual([
      { isDefault: 1 },
    ]);
    expect((await chat.tap(Buttons.template.pack({ id, action: "delete" }))).payload.text).toContain(
      "Удалить шаблон «Figma»",
    );
    expect((await chat.tap(Buttons.template.pack({ id, action: "confirmdelete" }))).payload.text).toContain("удалён");
    expect(db<unknown[]>("SELECT id FROM PdfTemplateFile WHERE templateId = ?", id)).toEqual([]);
  });
});
