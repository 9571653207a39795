import sharp from "sharp";
import { extensionOf, imageSizeOf, jpegOrientation, type ImageSize } from "./assets.ts";
import { ChromiumPool, RenderTimeoutError } from "./chromium.ts";
import type { PreviewFormat } from "./draw-card.ts";
import { PhotosNotWhole } from "./fit-images.ts";
import { sha1 } from "./fitted-copy.ts";

export type { PreviewFormat };
import { phaseClock, type PhaseListener } from "./phase-clock.ts";
import type { PageSize } from "./page-size.ts";
import { TemplateSandbox, type CheckOutcome } from "./template-sandbox.ts";
import { insertAtHeadStart } from "./html-head.ts";
import {
  checkedPhoto,
  photoHeaderCheck,
  IMAGE_LIMITS,
  oversizedTemplateImages,
  templateImageSizes,
  totalPixels,
  type PhotoCheck,
} from "./image-limits.ts";

import type { TemplateBundle } from "../../domain/template-bundle.ts";

/** What a card is made of; every field is optional so the same call serves previews and the CLI. */
export interface CardData {
  project_name?: string;
  project_description?: string;
  social_text?: string;
  status?: string;
  created_at?: string;
  owner_notes?: string;
  /** The project's deadline as cards print days (`17.12.2026`, `17.12.2026 18:00`); "" without one. */
  project_deadline?: string;
  current_date?: string;
  current_date_en?: string;
  images?: { bytes: Uint8Array; extension?: string }[];
  [extra: string]: unknown;
}

export const PROVIDED_VARIABLES = [
  "project_name",
  "project_description",
  "images",
  "current_date",
  "current_date_en",
  "social_text",
  "status",
  "created_at",
  "owner_notes",
  "project_deadline",
] as const;

export type RenderFailure = {
  ok: false;
  kind: "syntax" | "runtime" | "timeout" | "too-large" | "too-complex" | "crashed" | "browser";
  message: string;
  line?: number;
  column?: number;
};

/** A photo left out of the card (numbered from 1 as sent), and why. */
export interface SkippedPhoto {
  index: number;
  reason: "too-large" | "over-budget" | "broken";
  width?: number;
  height?: number;
}

export type RenderResult =
  | {
      ok: true;
      pdf: Buffer;
      /** Page 1 as an image, when asked (RenderOptions.preview). */
      preview?: Buffer;
      pageSize: PageSize;
      blocked: string[];
      missing: string[];
      /** Photos that could not be used (broken, or more pixels than a card may decode): the card is made without. */
      skipped: SkippedPhoto[];
    }
  | RenderFailure;

const STYLESHEET_PATH = "__template.css";
/** Photos whose check is remembered: a card has up to 5, the owner works on one or two at a time. */
const CHECKED_PHOTOS_KEPT = 20;

export interface PdfServiceOptions {
  chromiumPath: string;
  timeoutMs?: number;
  idleMs?: number;
  /** Chromium is restarted after a render that leaves its processes above this (default 260 MB). */
  chromiumMemoryBudgetBytes?: number;
}

/** Template → HTML in the sandbox → PDF (and page 1 as PNG) in Chromium. */
export interface RenderOptions {
  /**
   * Page 1 as an image too: JPEG for a preview sent to Telegram (which re-encodes it as JPEG anyway: about 15 ms
   * less to make and a ninth of the bytes to upload), PNG where pixels are compared.
   */
  preview?: PreviewFormat;
  /**
   * Keep the card on the browser's page: the same template with other words, and photos of the same sizes, is then
   * printed without a new load.
   */
  keep?: boolean;
  onPhase?: PhaseListener;
}

export class PdfService {
  readonly sandbox: TemplateSandbox;
  readonly chromium: ChromiumPool;
  private readonly checkedPhotos = new Map<string, { ok: true; pixels: number } | Exclude<PhotoCheck, { ok: true }>>();

  constructor(options: PdfServiceOptions) {
    const timeoutMs = options.timeoutMs ?? 30_000;
    this.sandbox = new TemplateSandbox({ timeoutMs, idleMs: options.idleMs });
    this.chromium = new ChromiumPool({
      executablePath: options.chromiumPath,
      timeoutMs,
      idleMs: options.idleMs,
      memoryBudgetBytes: options.chromiumMemoryBudgetBytes,
    });
  }

  /** Starts Chromium and a sandbox child in the background, so the render the owner waits for is warm. */
  warm(): void {
    this.sandbox.warm();
    this.chromium.warm();
  }

  check(html: string): Promise<CheckOutcome> {
    return this.sandbox.check(html).finally(() => this.sandbox.prepareNext());
  }

  async render(bundle: TemplateBundle, data: CardData, options: RenderOptions = {}): Promise<RenderResult> {
    try {
      const first = await this.renderOnce(bundle, data, options, true);
      // A photo proved broken while the card was laid out: again, with every verdict known (it is skipped).
      return first === "photos not whole"
        ? ((await this.renderOnce(bundle, data, options, false)) as RenderResult)
        : first;
    } finally {
      this.sandbox.prepareNext();
    }
  }

  /**
   * One attempt at the card. `overlapped`: photos whose headers pass are laid out at once, their whole-file checks
   * running beside the layout (~18 ms for five new 1600×1200 JPEGs, off the card's path), or made needless by the
   * fits a known layout starts; the first use of their pixels waits for the verdicts.
   */
  private async renderOnce(
    bundle: TemplateBundle,
    data: CardData,
    options: RenderOptions,
    overlapped: boolean,
  ): Promise<RenderResult | "photos not whole"> {
    const phase = phaseClock(options.onPhase);
    const assets = new Map(bundle.files);
    // Stored before the limit existed: printed without, as if missing; what is left counts against the card.
    const templateImages = templateImageSizes(bundle.files);
    const oversized = oversizedTemplateImages(templateImages);
    for (const { path } of oversized) assets.delete(path);
    const placeholders = new Map<string, { width: number; height: number }>();
    const checked = await Promise.all(
      (data.images ?? []).map((image) => this.photoVerdict(image.bytes, image.extension ?? "jpg", overlapped)),
    );
    const skipped: SkippedPhoto[] = [];
    const usable: { bytes: Uint8Array; extension: string; prove?: () => Promise<boolean> }[] = [];
    const photoChecks = new Map<string, () => Promise<boolean>>();
    let budget = IMAGE_LIMITS.cardPixels - (totalPixels(templateImages) - totalPixels(oversized));
    checked.forEach((photo, i) => {
      if (!photo.ok) skipped.push({ index: i + 1, reason: photo.reason, width: photo.width, height: photo.height });
      else if (photo.pixels > budget) skipped.push({ index: i + 1, reason: "over-budget" });
      else {
        budget -= photo.pixels;
        usable.push(photo);
      }
    });
    const images = await Promise.all(
      usable.map(async (image, i) => {
        const extension = image.extension;
        const src = `__card/image-${i + 1}.${extension}`;
        assets.set(src, image.bytes);
        if (image.prove) photoChecks.set(src, image.prove);
        const size = await orientedSizeOf(image.bytes, extension);
        if (size && /^(jpe?g|png|webp)$/i.test(extension)) placeholders.set(src, size);
        return { src, width: size?.width ?? 0, height: size?.height ?? 0, index: i + 1 };
      }),
    );
    phase("image sizes");
    // Beside the template: a kept card of the same photo sizes will show these photos in its boxes.
    if (options.keep) this.chromium.prefit(assets, placeholders);
    const rendered = await this.sandbox.render(bundle.html, { ...data, images });
    phase("sandbox");
    if (!rendered.ok) return rendered;
    let html = rendered.html;
    if (bundle.css !== null) {
      assets.set(STYLESHEET_PATH, Buffer.from(bundle.css, "utf8"));
      if (!assets.has("style.css")) assets.set("style.css", Buffer.from(bundle.css, "utf8"));
      if (!/<link[^>]+href=["']?(\.\/)?style\.css/i.test(html)) html = injectStylesheet(html, STYLESHEET_PATH);
    }
    try {
      const page = await this.chromium.render({
        html,
        assets,
        placeholders,
        preview: options.preview,
        keep: options.keep,
        onPhase: options.onPhase,
        photoChecks,
      });
      phase("chromium, all");
      return { ok: true, ...page, skipped };
    } catch (error) {
      if (error instanceof PhotosNotWhole) return "photos not whole";
      if (error instanceof RenderTimeoutError) return { ok: false, kind: "timeout", message: error.message };
      return { ok: false, kind: "browser", message: (error as Error).message.split("\n")[0] };
    }
  }

  /**
   * A photo's verdict for this attempt. Known verdicts and GIFs (their bytes change) are awaited; otherwise, when
   * `overlapped`, the header's verdict stands for now and `prove` is how the card proves it whole later (true:
   * whole): by this decode, unless a fit made while the page loads proves it first.
   */
  private async photoVerdict(
    bytes: Uint8Array,
    extension: string,
    overlapped: boolean,
  ): Promise<PhotoCheck & { prove?: () => Promise<boolean> }> {
    if (!overlapped || /^gif$/i.test(extension) || this.checkedPhotos.has(photoKey(bytes, extension)))
      return this.checkedPhoto(bytes, extension);
    const header = photoHeaderCheck(bytes, extension);
    if (!header.ok || !header.decode) return this.checkedPhoto(bytes, extension);
    const prove = () =>
      this.checkedPhoto(bytes, extension).then(
        (checked) => checked.ok,
        () => false,
      );
    return { ok: true, bytes, extension, pixels: header.pixels, prove };
  }

  /**
   * checkedPhoto decodes each photo once (shrunk) to prove it whole: ~7 ms per 1600×1200 JPEG. The generator
   * renders the same photos again and again (rehearsal, preview, final card), so results are kept by content.
   */
  private async checkedPhoto(bytes: Uint8Array, extension: string): Promise<PhotoCheck> {
    // A GIF comes back as new bytes (a PNG): not kept, only verdicts are (the photo's bytes stay the caller's).
    if (/^gif$/i.test(extension)) return checkedPhoto(bytes, extension);
    const key = photoKey(bytes, extension);
    const known = this.checkedPhotos.get(key);
    if (known) return known.ok ? { ok: true, bytes, extension, pixels: known.pixels } : known;
    const checked = await checkedPhoto(bytes, extension);
    this.checkedPhotos.set(key, checked.ok ? { ok: true, pixels: checked.pixels } : checked);
    if (this.checkedPhotos.size > CHECKED_PHOTOS_KEPT)
      this.checkedPhotos.delete(this.checkedPhotos.keys().next().value!);
    return checked;
  }

  async close(): Promise<void> {
    this.sandbox.close();
    await this.chromium.close();
  }
}

const photoKey = (bytes: Uint8Array, extension: string) => `${extension}:${sha1(bytes)}`;

/** Width and height as Chromium lays the image out: JPEG/WebP turned by their EXIF orientation. */
async function orientedSizeOf(bytes: Uint8Array, extension: string): Promise<ImageSize | undefined> {
  if (/^jpe?g$/i.test(extension)) {
    const size = imageSizeOf(bytes);
    // Orientations 5–8 turn the picture a quarter: width and height swap.
    if (size) return (jpegOrientation(bytes) ?? 1) >= 5 ? { width: size.height, height: size.width } : size;
  }
  if (!/^(jpe?g|webp)$/i.test(extension)) return imageSizeOf(bytes);
  try {
    const metadata = await sharp(bytes).metadata();
    return metadata.autoOrient.width > 0
      ? { width: metadata.autoOrient.width, height: metadata.autoOrient.height }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The CSS is linked first in <head>, so the template's own <style> still overrides it. */
const injectStylesheet = (html: string, href: string) =>
  insertAtHeadStart(html, `<link rel="stylesheet" href="${href}">`);

export const imageExtension = (fileName: string | undefined, fallback = "jpg") => {
  const extension = fileName ? extensionOf(fileName) : "";
  return ["jpg", "jpeg", "png", "webp", "gif", "svg"].includes(extension) ? extension : fallback;
};
