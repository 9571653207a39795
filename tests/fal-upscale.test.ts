import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { FakeFal } from "./support/fake-fal.ts";
import { DEFAULT_UPSCALE_MODEL, createFalService } from "../src/services/fal/fal-service.ts";
import { FalError } from "../src/services/fal/fal-error.ts";

/** ⬆️ Upscale: the real @fal-ai/client over HTTP against the fake Fal's upscalers. */
describe("Fal upscaler (AuraSR by default)", () => {
  const fal = new FakeFal();
  const service = (upscaleModel?: string) =>
    createFalService({
      apiKey: fal.key,
      model: "fal-ai/flux/schnell",
      ...(upscaleModel ? { upscaleModel } : {}),
      baseUrl: fal.baseUrl,
      timeoutMs: 20_000,
      retries: false,
    });
  const submit = (model: string, input: object) =>
    fetch(`${fal.baseUrl}/${model}`, {
      method: "POST",
      headers: { authorization: `Key ${fal.key}`, "content-type": "application/json" },
      body: JSON.stringify(input),
    }).then(async (response) => ({ status: response.status, body: await response.json() }));

  beforeAll(() => fal.start());
  afterAll(() => fal.close());

  it("a generated tile comes back 4× larger on each side, as the bytes of a real image", async () => {
    const falService = service();
    const [tile] = await falService.generate({ prompt: "lamp", seed: 3, aspect: "4x3", count: 1 });
    const up = await falService.upscale({ url: tile.url });
    const submitted = fal.submits.at(-1)!;
    expect(submitted.path).toBe(`/${DEFAULT_UPSCALE_MODEL}`);
    expect(submitted.input).toEqual({ image_url: tile.url, upscaling_factor: 4, overlapping_tiles: true });
    expect(falService.upscaleFactor).toBe(4);
    const meta = await sharp(up.bytes).metadata();
    const original = await sharp(tile.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([original.width! * 4, original.height! * 4]);
    expect(up).toMatchObject({ contentType: "image/png", width: meta.width, height: meta.height });
  });

  it("an uploaded picture can be upscaled too (Fal reads it from its storage)", async () => {
    const falService = service();
    const picture = await sharp({ create: { width: 30, height: 20, channels: 3, background: "#345" } })
      .jpeg()
      .toBuffer();
    const url = await falService.uploadImage(picture, "image/jpeg");
    const up = await falService.upscale({ url });
    expect([up.width, up.height]).toEqual([120, 80]);
  });

  it("the fake refuses, as AuraSR does (422 with `detail`), a factor other than 4 and a picture it cannot read", async () => {
    const [tile] = await service().generate({ prompt: "lamp", seed: 3, aspect: "1x1", count: 1 });
    expect(await submit("fal-ai/aura-sr", { image_url: tile.url, upscaling_factor: 2 })).toMatchObject({
      status: 422,
      body: {
        detail: [
          {
            loc: ["body", "upscaling_factor"],
            msg: "unexpected value; permitted: 4",
            type: "value_error.const",
            ctx: { given: 2, permitted: [4] },
          },
        ],
      },
    });
    expect(await submit("fal-ai/aura-sr", {})).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "image_url"], type: "value_error.missing" }] },
    });
    expect(await submit("fal-ai/aura-sr", { image_url: "https://example.com/a.png" })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "image_url"], type: "file_download_error" }] },
    });
    expect(await submit("fal-ai/esrgan", { image_url: tile.url, scale: 16 })).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["body", "scale"], type: "value_error.number.not_le", ctx: { limit_value: 8 } }] },
    });
    expect((await submit("fal-ai/aura-sr", { image_url: tile.url, upscaling_factor: 4 })).status).toBe(200);
  });

  it("another upscaler (FAL_UPSCALE_MODEL) is asked with its own field; a refusal is Fal's bad input", async () => {
    const [tile] = await service().generate({ prompt: "lamp", seed: 3, aspect: "1x1", count: 1 });
    const esrgan = service("fal-ai/esrgan");
    expect(esrgan.upscaleFactor).toBe(2);
    const up = await esrgan.upscale({ url: tile.url });
    expect(fal.submits.at(-1)!.input).toEqual({ image_url: tile.url, scale: 2 });
    expect(up.width).toBe(128);
    const error = await service()
      .upscale({ url: "https://example.com/x.png" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FalError);
    expect((error as FalError).fault).toBe("bad-input");
  });

  it("an upscaled result that points away from Fal is not fetched", async () => {
    const [tile] = await service().generate({ prompt: "lamp", seed: 3, aspect: "1x1", count: 1 });
    fal.resultUrl = () => "http://169.254.169.254/latest/meta-data.png";
    try {
      const error = await service()
        .upscale({ url: tile.url })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FalError);
    } finally {
      fal.resultUrl = undefined;
    }
  });
});
