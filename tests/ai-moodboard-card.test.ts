import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BotSession } from "./support/session.ts";
import { FakeFal } from "./support/fake-fal.ts";
import { FakeNotion } from "./support/fake-notion.ts";
import { buttonsOf } from "./support/owner-chat.ts";
import type { RecordedCall } from "./support/fake-bot-api.ts";
import { addIdea, textOf, until } from "./support/ai-helpers.ts";
import { sqliteRows } from "./support/sqlite.ts";
import { Buttons } from "../src/bot/buttons.ts";

const fal = new FakeFal();
const notion = new FakeNotion();
let session: BotSession;

const query = (sql: string, ...params: unknown[]) => sqliteRows<any>(session.databaseUrl, sql, ...params);
const mediaOf = (call: RecordedCall) =>
  (typeof call.payload.media === "string" ? JSON.parse(call.payload.media) : call.payload.media) as {
    type: string;
    media: string;
    caption?: string;
  };
const pageOf = (projectId: number) => {
  const [row] = query("SELECT notionPageId FROM Project WHERE id = ?", projectId);
  return notion.livePages().find((page) => page.id === row?.notionPageId);
};
const pendingJobs = () => query("SELECT * FROM SyncJob").length;

/** Generates a moodboard from the card's Moodboards screen and saves it; resolves with the collage photo sent. */
async function makeAndSaveMoodboard(projectId: number): Promise<RecordedCall> {
  // Open the card unless the chat already shows it (Telegram refuses an edit that changes nothing).
  if (!session.api.messageWithButton(Buttons.ai.pack({ projectId, action: "moodboards" })))
    await session.chat.tap(Buttons.project.pack({ id: projectId, action: "open" }));
  await session.chat.tap(Buttons.ai.pack({ projectId, action: "moodboards" }));
  const since = session.api.calls.length;
  await session.chat.tap(Buttons.ai.pack({ projectId, action: "newMoodboard" }), (c) => c.method === "sendMessage");
  const steering = await session.api.waitForCall((c) => c.method === "sendMessage" && textOf(c).includes("Мудборд:"), {
    since,
    timeoutMs: 15_000,
  });
  await session.api.waitForCall((c) => c.method === "deleteMessage", { since: session.api.calls.indexOf(steering) });
  const save = buttonsOf(steering).find((b) => b.data?.endsWith(":save"))!.data!;
  const before = session.api.calls.length;
  const saved = boardCount(projectId);
  await session.chat.tap(save, (c) => c.method === "sendPhoto");
  const photo = await session.api.waitForCall(
    (c) => c.method === "sendPhoto" && textOf(c).includes("Мудборд сохранён"),
    { since: before },
  );
  await until(() => boardCount(projectId) === saved + 1); // the asset rows are written once the collage message is sent
  return photo;
}
const boardCount = (projectId: number) =>
  query("SELECT id FROM ProjectAsset WHERE kind = 'moodboard' AND projectId = ?", projectId).length;

beforeAll(async () => {
  await fal.start();
  await notion.start();
  session = await new BotSession({
    env: {
      FAL_API_KEY: fal.key,
      FAL_RETRIES: "off",
      FAL_BASE_URL: fal.baseUrl,
      NOTION_API_KEY: notion.apiKey,
      NOTION_DB_ID: notion.databaseId,
      NOTION_BASE_URL: notion.baseUrl,
    },
  }).start();
});
afterAll(async () => {
  await session?.close();
  await fal.close();
  await notion.close();
});
beforeEach(() => fal.reset());

describe("a saved moodboard is the card's face and goes to the Notion page", () => {
  let plain = 0;
  let collage: RecordedCall;

  it("without a reference photo the card becomes the collage photo (edited in place)", async () => {
    plain = await addIdea(session.chat, "Табурет", "Табурет из гнутой фанеры");
    await until(() => pageOf(plain) && pendingJobs() === 0);
    const card = await session.chat.tap(Buttons.project.pack({ id: plain, action: "open" }));
    expect(card.method).toMatch(/^(sendMessage|editMessageText)$/); // no photo yet: a text card
    notion.failNext(1, { status: 500, code: "internal_server_error" }, "POST /file_uploads");
    collage = await makeAndSaveMoodboard(plain);
    const fileId = collage.result.photo[0].file_id;
    const face = await session.chat.tap(Buttons.project.pack({ id: plain, action: "open" })); // on the "saved" photo message
    expect(face.method).toBe("editMessageMedia");
    expect(mediaOf(face)).toMatchObject({ type: "photo", media: fileId });
    expect(mediaOf(face).caption).toContain("Табурет");
    expect(buttonsOf(face).map((b) => b.data)).toContain(Buttons.ai.pack({ projectId: plain, action: "moodboards" }));
  });

  it("the collage reaches the Notion page exactly once, as an uploaded file with the collage's bytes, despite a 500", async () => {
    const page = await until(() => pageOf(plain));
    const [image] = await until(() => notion.imagesOf(page).length > 0 && notion.imagesOf(page));
    await until(() => pendingJobs() === 0);
    expect(notion.imagesOf(page)).toHaveLength(1);
    expect(notion.requests.filter((r) => r.endpoint === "POST /file_uploads").map((r) => r.status)).toEqual([500, 200]);
    expect(notion.count("POST /file_uploads/:id/send")).toBe(1);
    expect(image.upload.status).toBe("uploaded");
    expect(image.upload.contentType).toBe("image/jpeg");
    expect(image.upload.bytes!.equals(Object.values(collage.files)[0].bytes)).toBe(true);
    expect(image.upload.attachedTo).toEqual([image.blockId]);
    expect(image.caption).toContain("seed");
    const [board] = query("SELECT meta FROM ProjectAsset WHERE kind = 'moodboard' AND projectId = ?", plain);
    expect(JSON.parse(board.meta).notionBlockId).toBe(image.blockId);
    // The text stays the description, above the image.
    expect(notion.bodyOf(page)).toBe("Табурет из гнутой фанеры");
    expect(page.blocks.at(-1)!.image).toBeTruthy();
  });

  it("editing the description rewrites the text above the image and keeps the image", async () => {
    await session.chat.tap(Buttons.project.pack({ id: plain, action: "open" }));
    await session.chat.tap(Buttons.project.pack({ id: plain, action: "edit" }));
    await session.chat.tap(Buttons.project.pack({ id: plain, action: "describe" }));
    await session.chat.send("Табурет из берёзовой фанеры\nс войлочными ножками");
    const page = pageOf(plain)!;
    await until(
      () => notion.bodyOf(page) === "Табурет из берёзовой фанеры\nс войлочными ножками" && pendingJobs() === 0,
    );
    expect(page.blocks.map((b) => (b.image ? "image" : b.text))).toEqual([
      "Табурет из берёзовой фанеры",
      "с войлочными ножками",
      "image",
    ]);
  });

  it("the Moodboards screen shows the newest collage and each saved board by its collage, in place", async () => {
    const second = await makeAndSaveMoodboard(plain);
    const boards = query(
      "SELECT id, telegramFileId FROM ProjectAsset WHERE kind = 'moodboard' AND projectId = ? ORDER BY id DESC",
      plain,
    );
    expect(boards.map((b) => b.telegramFileId)).toEqual([
      second.result.photo[0].file_id,
      collage.result.photo[0].file_id,
    ]);
    const card = await session.chat.tap(Buttons.project.pack({ id: plain, action: "open" }));
    expect(mediaOf(card).media).toBe(boards[0].telegramFileId); // the newest moodboard is the face
    const list = await session.chat.tap(Buttons.ai.pack({ projectId: plain, action: "moodboards" }));
    expect(list.method).toBe("editMessageMedia");
    expect(mediaOf(list)).toMatchObject({ type: "photo", media: boards[0].telegramFileId });
    expect(mediaOf(list).caption).toContain("Мудборды «Табурет»");
    const view = await session.chat.tap(Buttons.savedMoodboard.pack({ id: boards[1].id }));
    expect(view.method).toBe("editMessageMedia");
    expect(mediaOf(view).media).toBe(boards[1].telegramFileId);
    expect(buttonsOf(view).map((b) => b.data)).toEqual(
      expect.arrayContaining([
        Buttons.savedMoodboard.pack({ id: boards[0].id }),
        Buttons.ai.pack({ projectId: plain, action: "moodboards" }),
      ]),
    );
    const page = pageOf(plain)!;
    await until(() => notion.imagesOf(page).length === 2 && pendingJobs() === 0);
  });

  it("with a reference photo the reference stays the card's face", async () => {
    const id = await addIdea(session.chat, "Лампа", "Настольная лампа из бетона", "ref-photo-1");
    await until(() => pageOf(id) && pendingJobs() === 0);
    // The append is applied but its answer is lost: the retry finds the image by its caption.
    notion.failNext(1, { status: 500, code: "internal_server_error", afterApply: true }, "PATCH /blocks/:id/children");
    await makeAndSaveMoodboard(id);
    const face = await session.chat.tap(Buttons.project.pack({ id, action: "open" }));
    expect(face.method).toBe("editMessageMedia");
    expect(mediaOf(face)).toMatchObject({ type: "photo", media: "ref-photo-1" });
    const page = pageOf(id)!;
    await until(() => notion.imagesOf(page).length > 0 && pendingJobs() === 0);
    expect(notion.imagesOf(page)).toHaveLength(1);
    expect(notion.requests.filter((r) => r.endpoint === "PATCH /blocks/:id/children").at(-1)!.status).toBe(500);
  });

  it("survives a Notion outage and kill -9: the collage arrives once after the restart", async () => {
    const id = await addIdea(session.chat, "Полка", "Полка из переработанного пластика");
    await until(() => pageOf(id) && pendingJobs() === 0);
    notion.failFor(60_000, { status: 503, code: "service_unavailable" }, "POST /file_uploads");
    const collagePhoto = await makeAndSaveMoodboard(id);
    await until(() => query("SELECT * FROM SyncJob WHERE kind = 'image' AND attempts > 0").length === 1);
    await session.crashAndRestart();
    notion.clearFaults();
    const page = pageOf(id)!;
    const [image] = await until(
      () => notion.imagesOf(page).length > 0 && pendingJobs() === 0 && notion.imagesOf(page),
      20_000,
    );
    expect(notion.imagesOf(page)).toHaveLength(1);
    expect(image.upload.bytes!.equals(Object.values(collagePhoto.files)[0].bytes)).toBe(true);
  });
});
