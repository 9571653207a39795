import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type HTTPRequest, type Page } from "puppeteer-core";
import { mimeTypeOf } from "./assets.ts";
import { A4, firstPageSizeOfPdf, type PageSize } from "./page-size.ts";
import { fitImagesToBoxes } from "./fit-images.ts";

/** The origin template documents are served from (never resolved: every request is answered from memory). */
export const TEMPLATE_ORIGIN = "https://template.invalid";

export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-extensions",
  "--mute-audio",
];

export interface PageInput {
  html: string;
  /** Files the document may load, by path relative to the document ("images/a.png"). */
  assets: Map<string, Uint8Array>;
  png?: boolean;
}

export interface PageOutput {
  pdf: Buffer;
  png?: Buffer;
  pageSize: PageSize;
  /** Requests that were refused (outside the template) or not found among its files. */
  blocked: string[];
  missing: string[];
}

export class RenderTimeoutError extends Error {}

/**
 * One headless Chromium, launched on demand, reused while renders keep coming
 * and closed after `idleMs` without work. Renders run one at a time.
 */
export class ChromiumPool {
  private browser: Promise<Browser> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  /** A page opened while idle, so the next render skips newPage (~50 ms). */
  private sparePage: Promise<Page> | undefined;
  private profileDir: string | undefined;
  private readonly executablePath: string;
  private readonly idleMs: number;
  private readonly timeoutMs: number;

  constructor(options: { executablePath: string; idleMs?: number; timeoutMs?: number }) {
    this.executablePath = options.executablePath;
    this.idleMs = options.idleMs ?? 120_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get running(): boolean {
    return this.browser !== undefined;
  }

  /** Starts the browser in the background (errors surface on the next render). */
  warm(): void {
    this.launch().catch(() => undefined);
    this.openSparePage();
    this.armIdleTimer();
  }

  render(input: PageInput): Promise<PageOutput> {
    const job = this.queue.then(() => this.renderNow(input));
    this.queue = job.catch(() => undefined);
    return job;
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    this.sparePage = undefined;
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true });
    this.profileDir = undefined;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      this.profileDir = mkdtempSync(join(tmpdir(), "designflow-chromium-"));
      const launching = puppeteer.launch({
        executablePath: this.executablePath,
        headless: true,
        args: CHROMIUM_FLAGS,
        userDataDir: this.profileDir,
        env: { HOME: this.profileDir, PATH: "/usr/bin:/bin", FONTCONFIG_PATH: "/etc/fonts" },
        protocolTimeout: this.timeoutMs + 5000,
      });
      this.browser = launching;
      launching
        .then((browser) => browser.on("disconnected", () => this.browser === launching && (this.browser = undefined)))
        .catch(() => this.browser === launching && (this.browser = undefined));
    }
    return this.browser;
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  private async renderNow(input: PageInput): Promise<PageOutput> {
    clearTimeout(this.idleTimer);
    const browser = await this.launch();
    const page = await this.takePage(browser);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new RenderTimeoutError(`render took longer than ${this.timeoutMs} ms`)), this.timeoutMs);
      });
      return await Promise.race([this.draw(page, input), timeout]);
    } finally {
      clearTimeout(timer);
      await page.close().catch(() => undefined);
      this.armIdleTimer();
      this.openSparePage();
    }
  }

  private async takePage(browser: Browser): Promise<Page> {
    const spare = await this.sparePage?.catch(() => undefined);
    this.sparePage = undefined;
    if (spare && spare.browser() === browser && !spare.isClosed()) return spare;
    return browser.newPage();
  }

  private openSparePage(): void {
    if (!this.browser || this.sparePage) return;
    const opening = this.browser.then((browser) => browser.newPage());
    opening.catch(() => undefined);
    this.sparePage = opening;
  }

  private async draw(page: Page, input: PageInput): Promise<PageOutput> {
    const blocked: string[] = [];
    const missing: string[] = [];
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on("request", (request: HTTPRequest) => {
      const url = request.url();
      if (url.startsWith("data:")) return void request.continue();
      if (url === `${TEMPLATE_ORIGIN}/`) return void request.respond({ status: 200, contentType: "text/html; charset=utf-8", body: input.html });
      if (url.startsWith(`${TEMPLATE_ORIGIN}/`)) {
        const path = decodeURIComponent(new URL(url).pathname.slice(1));
        const bytes = input.assets.get(path);
        if (bytes) return void request.respond({ status: 200, contentType: mimeTypeOf(path), body: Buffer.from(bytes) });
        missing.push(path);
        return void request.respond({ status: 404, body: "" });
      }
      blocked.push(url.slice(0, 200));
      void request.abort("blockedbyclient");
    });
    await page.goto(`${TEMPLATE_ORIGIN}/`, { waitUntil: "load", timeout: this.timeoutMs });
    await fitImagesToBoxes(page, input.assets, TEMPLATE_ORIGIN);
    // The template's @page size wins (preferCSSPageSize); A4 is only the fallback.
    const pdf = Buffer.from(await page.pdf({ printBackground: true, preferCSSPageSize: true, format: "A4", timeout: this.timeoutMs }));
    const pageSize = firstPageSizeOfPdf(pdf) ?? A4;
    let png: Buffer | undefined;
    if (input.png) {
      await page.emulateMediaType("print");
      await page.setViewport({ width: Math.round(pageSize.widthPx), height: Math.round(pageSize.heightPx) });
      png = Buffer.from(await page.screenshot({ type: "png", clip: { x: 0, y: 0, width: pageSize.widthPx, height: pageSize.heightPx } }));
    }
    return { pdf, png, pageSize, blocked, missing };
  }
}
