import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { FakeFal } from "./support/fake-fal.ts";
import { DEFAULT_IMAGE_MODEL, createFalService } from "../src/services/fal/fal-service.ts";
import { FalError } from "../src/services/fal/fal-error.ts";

/** A moodboard from the designer's own picture: the real @fal-ai/client over HTTP against the fake Fal. */
describe("Fal from a reference picture (storage upload + image-to-image)", () => {
  const fal = new FakeFal();
  let reference: Buffer;
  const service = () =>
    createFalService({
      apiKey: fal.key,
      model: "fal-ai/flux/schnell",
      baseUrl: fal.baseUrl,
      timeoutMs: 20_000,
      retries: false,
    });

  beforeAll(async () => {
    await fal.start();
    reference = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#c05a2e" } })
      .jpeg()
      .toBuffer();
  });
  afterAll(() => fal.close());

  it("uploads the exact bytes to Fal storage, and the image model reads them from there", async () => {
    const falService = service();
    const url = await falService.uploadImage(reference, "image/jpeg");
    expect(fal.storage.fileAt(url)?.bytes.equals(reference)).toBe(true);
    expect(fal.storage.fileAt(url)?.contentType).toBe("image/jpeg");

    const images = await falService.generate({
      prompt: "moodboard, terracotta lamp",
      seed: 7,
      aspect: "1x1",
      count: 4,
      image: { url, strength: 0.35 },
    });
    expect(images).toHaveLength(4);
    const submit = fal.submits.at(-1)!;
    expect(submit.path).toBe(`/${DEFAULT_IMAGE_MODEL}`);
    expect(submit.input).toMatchObject({ image_url: url, strength: 0.35, prompt: "moodboard, terracotta lamp" });
    // The text model is used when no picture is given.
    await falService.generate({ prompt: "moodboard", seed: 1, aspect: "1x1", count: 4 });
    expect(fal.submits.at(-1)!.path).toBe("/fal-ai/flux/schnell");
  });

  it("the fake refuses, as Fal does (422 with `detail`), an image model's input without a readable picture", async () => {
    const submit = (input: object) =>
      fetch(`${fal.baseUrl}/${DEFAULT_IMAGE_MODEL}`, {
        method: "POST",
        headers: { authorization: `Key ${fal.key}`, "content-type": "application/json" },
        body: JSON.stringify({ prompt: "p", ...input }),
      }).then(async (response) => ({ status: response.status, body: await response.json() }));
    const url = await service().uploadImage(reference, "image/jpeg");
    expect(await submit({})).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "image_url"], type: "value_error.missing" }] },
    });
    // A Telegram file URL (it would carry the bot's token) is not something Fal can or should read.
    expect(await submit({ image_url: "https://api.telegram.org/file/bot1:secret/photos/a.jpg" })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "image_url"], type: "file_download_error" }] },
    });
    expect(await submit({ image_url: url, strength: 1.5 })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "strength"], type: "value_error.number.not_le", ctx: { limit_value: 1 } }] },
    });
    expect(await submit({ image_url: url, strength: -0.1 })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "strength"], type: "value_error.number.not_ge" }] },
    });
    expect((await submit({ image_url: url, strength: 0.5 })).status).toBe(200);
  });

  it("a refused picture reaches the caller as Fal's bad input, not as a crash", async () => {
    const error = await service()
      .generate({
        prompt: "p",
        seed: 1,
        aspect: "1x1",
        count: 4,
        image: { url: "https://example.com/x.jpg", strength: 0.5 },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalError);
    expect((error as FalError).fault).toBe("bad-input");
  });
});
