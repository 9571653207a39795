import { mkdtempSync, rmSync } from "node:fs";
import { phaseClock, type PhaseListener } from "./phase-clock.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type HTTPRequest, type Page } from "puppeteer-core";
import { PRINTED_A4_VIEWPORT } from "./page-size.ts";
import { drawCard, type PageOutput } from "./draw-card.ts";
import { answerRequest, TEMPLATE_ORIGIN, type ServedDocument } from "./request-filter.ts";
import { browserEnv } from "./browser-env.ts";
import { appRoot } from "./chromium-path.ts";
import { prepareBrowser } from "./npm-browser.ts";
import { treeMemoryAsync } from "./process-memory.ts";
import { CHROMIUM_FLAGS, CHROMIUM_MEMORY_BUDGET_BYTES } from "./chromium-flags.ts";

export { TEMPLATE_ORIGIN };

export interface PageInput {
  html: string;
  /** Files the document may load, by path relative to the document ("images/a.png"). */
  assets: Map<string, Uint8Array>;
  /** Photos that may be laid out as same-size placeholders first (see ServedDocument). */
  placeholders?: Map<string, { width: number; height: number }>;
  png?: boolean;
  /** Called with each phase's duration (ms), for benchmarks. */
  onPhase?: PhaseListener;
  /** Photos still to be proven whole, by path (see DrawOptions.photoChecks). */
  photoChecks?: Map<string, () => Promise<boolean>>;
}

export class RenderTimeoutError extends Error {}

const RECYCLE_IDLE_MS = 500;
const PAGE_RENDERS_MAX = 10;

/**
 * One headless Chromium, launched on demand, reused while renders keep coming
 * and closed after `idleMs` without work. Renders run one at a time.
 */
export class ChromiumPool {
  private browser: Promise<Browser> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer: NodeJS.Timeout | undefined;
  /**
   * One page, set up once (no JavaScript, no cache, every request answered by
   * answerRequest) and navigated for each render: a new page per render cost
   * ~50–100 ms of target and CDP setup.
   */
  private page: Promise<Page> | undefined;
  /**
   * A page that has rendered a few cards holds ~70 MB more than a fresh one, and
   * a little more per card (decode caches, allocator state in its renderer); a
   * fresh page has its own renderer. So the page is swapped for a fresh one once
   * renders pause for RECYCLE_IDLE_MS, or after PAGE_RENDERS_MAX in a row.
   */
  private pageRenders = 0;
  private recycleTimer: NodeJS.Timeout | undefined;
  private current: ServedDocument | undefined;
  /** Each page's move to a new empty document (see clearPage). */
  private readonly cleared = new WeakMap<Page, Promise<void>>();
  private expectingBlank = false;
  private renders = 0;
  /** The last card's memory check (and the browser's restart when it went over budget). */
  private afterCard: Promise<void> = Promise.resolve();
  private profileDir: string | undefined;
  private readonly executablePath: string;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly memoryBudgetBytes: number;
  /** The browser's memory after the last render (bytes), for logs and tests. */
  lastMemoryBytes = 0;

  constructor(options: { executablePath: string; idleMs?: number; timeoutMs?: number; memoryBudgetBytes?: number }) {
    this.executablePath = options.executablePath;
    this.memoryBudgetBytes = options.memoryBudgetBytes ?? CHROMIUM_MEMORY_BUDGET_BYTES;
    this.idleMs = options.idleMs ?? 120_000;
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  get running(): boolean {
    return this.browser !== undefined;
  }

  /** Starts the browser and its page in the background (errors surface on the next render). */
  warm(): void {
    this.preparePage().catch(() => undefined);
    this.armIdleTimer();
  }

  render(input: PageInput): Promise<PageOutput> {
    const job = this.queue.then(() => this.renderNow(input));
    // The next card waits for this one's memory check; the caller of this one does not.
    this.queue = job.catch(() => undefined).then(() => this.afterCard);
    return job;
  }

  /** Resolves once the renders asked for so far are done, their memory checks included. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    clearTimeout(this.recycleTimer);
    this.page = undefined;
    this.pageRenders = 0;
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true });
    this.profileDir = undefined;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      // A browser that died (not closed by us) leaves its profile behind.
      if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true, maxRetries: 2 });
      const profileDir = mkdtempSync(join(tmpdir(), "designflow-chromium-"));
      this.profileDir = profileDir;
      const executablePath = this.executablePath;
      // The npm browser is inflated on its first launch (a no-op for any other browser).
      const launching = prepareBrowser(executablePath, appRoot()).then(() =>
        puppeteer.launch({
          executablePath: this.executablePath,
          headless: true,
          args: CHROMIUM_FLAGS,
          // A pipe instead of a WebSocket: less overhead per CDP message, and Chromium exits when the bot dies.
          pipe: true,
          // The bot's own shutdown closes the browser after the render in flight; puppeteer's handlers would kill it
          // mid-render on SIGTERM (the render then relaunched Chromium and the first profile directory leaked).
          handleSIGTERM: false,
          handleSIGINT: false,
          handleSIGHUP: false,
          userDataDir: profileDir,
          env: browserEnv(profileDir, executablePath),
          protocolTimeout: this.timeoutMs + 5000,
        }),
      );
      this.browser = launching;
      const forget = () => {
        if (this.browser !== launching) return;
        this.browser = undefined;
        this.page = undefined;
      };
      launching.then((browser) => browser.on("disconnected", forget)).catch(forget);
    }
    return this.browser;
  }

  private preparePage(): Promise<Page> {
    if (!this.page) {
      const opening = this.openPage(this.launch());
      opening.catch(() => this.page === opening && (this.page = undefined));
      this.page = opening;
    }
    return this.page;
  }

  private openPage(launched: Promise<Browser>): Promise<Page> {
    return launched.then(async (browser) => {
      // The tab Chromium opens at launch serves first (its renderer would otherwise idle beside ours).
      const blank = (await browser.pages()).find((tab) => tab.url() === "about:blank" && !tab.isClosed());
      const page = blank ?? (await browser.newPage());
      await page.setJavaScriptEnabled(false);
      // Each render serves other files under the same URLs: nothing may come from a cache.
      await page.setCacheEnabled(false);
      await page.setRequestInterception(true);
      // Laid out as printed from the start: fit-images measures the boxes the PDF shows, and the
      // PNG needs no relayout while the page size stays the same (the viewport follows the last card).
      await page.emulateMediaType("print");
      await page.setViewport(PRINTED_A4_VIEWPORT);
      page.on("request", (request) => this.answer(request));
      await this.clearPage(page);
      return page;
    });
  }

  /**
   * Cards are written into the page (setContent, ~20 ms less than a navigation per card), each into
   * a document of its own: a document written twice keeps things of the first card (style caches
   * showed its images). So the page goes to a new empty document after each card, while nobody waits.
   */
  private clearPage(page: Page): Promise<void> {
    const clearing = (async () => {
      this.expectingBlank = true;
      try {
        await page.goto(`${TEMPLATE_ORIGIN}/`, { waitUntil: "load", timeout: this.timeoutMs });
      } finally {
        this.expectingBlank = false;
      }
    })();
    clearing.catch(() => undefined);
    this.cleared.set(page, clearing);
    return clearing;
  }

  private answer(request: HTTPRequest): void {
    if (
      this.expectingBlank &&
      request.isNavigationRequest() &&
      request.url() === `${TEMPLATE_ORIGIN}/` &&
      !request.frame()?.parentFrame()
    ) {
      this.expectingBlank = false;
      return void request.respond({
        status: 200,
        contentType: "text/html; charset=utf-8",
        body: "<!doctype html><title></title>",
      });
    }
    answerRequest(request, this.current);
  }

  /** After a failure the page may be mid-navigation or hung: the next render gets a fresh one. */
  private dropPage(): void {
    const page = this.page;
    this.page = undefined;
    this.pageRenders = 0;
    void page?.then((p) => p.close()).catch(() => undefined);
  }

  /** The old page is closed first, so its renderer exits before the new page gets one. */
  private recyclePage(): void {
    clearTimeout(this.recycleTimer);
    const old = this.page;
    const browser = this.browser;
    this.page = undefined;
    this.pageRenders = 0;
    if (!old || !browser) return;
    const fresh: Promise<Page> = old
      .then((page) => page.close())
      .catch(() => undefined)
      .then((): Promise<Page> =>
        this.browser === browser && this.page === fresh
          ? this.openPage(browser)
          : Promise.reject(new Error("recycled page dropped")),
      );
    fresh.catch(() => this.page === fresh && (this.page = undefined));
    this.page = fresh;
  }

  /** Whether the browser's process tree holds more than its budget (false when it cannot be measured). */
  private async overBudget(): Promise<boolean> {
    const pid = await this.browser?.then((browser) => browser.process()?.pid).catch(() => undefined);
    if (pid === undefined) return false;
    const bytes = await treeMemoryAsync(pid);
    this.lastMemoryBytes = bytes;
    return bytes > this.memoryBudgetBytes;
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.close(), this.idleMs);
    this.idleTimer.unref();
  }

  private async renderNow(input: PageInput): Promise<PageOutput> {
    clearTimeout(this.idleTimer);
    clearTimeout(this.recycleTimer);
    const phase = phaseClock(input.onPhase);
    let page = await this.preparePage();
    const ready = await (this.cleared.get(page) ?? this.clearPage(page)).then(
      () => !page.isClosed(),
      () => false,
    );
    if (!ready) {
      this.dropPage();
      page = await this.preparePage();
    }
    phase("page ready");
    const served: ServedDocument = {
      base: "",
      assets: input.assets,
      placeholders: input.placeholders ?? new Map(),
      placeheld: new Set(),
      blocked: [],
      missing: [],
    };
    this.current = served;
    this.pageRenders++;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new RenderTimeoutError(`render took longer than ${this.timeoutMs} ms`)),
          this.timeoutMs,
        );
      });
      const loads = { base: () => `${TEMPLATE_ORIGIN}/r${++this.renders}/`, clear: () => this.clearPage(page) };
      return await Promise.race([
        drawCard(page, input.html, served, {
          png: input.png ?? false,
          timeoutMs: this.timeoutMs,
          phase,
          photoChecks: input.photoChecks,
          ...loads,
        }),
        timeout,
      ]);
    } catch (error) {
      this.dropPage();
      throw error;
    } finally {
      clearTimeout(timer);
      this.current = undefined;
      this.armIdleTimer();
      if (this.pageRenders >= PAGE_RENDERS_MAX) this.recyclePage();
      else if (this.page) {
        if (!page.isClosed()) void this.clearPage(page);
        this.recycleTimer = setTimeout(() => this.recyclePage(), RECYCLE_IDLE_MS).unref();
      }
      // Measured after the card is handed over (walking /proc took ~25 ms of each card); the next card waits for it.
      this.afterCard = this.overBudget().then(
        (over) => (over ? this.close() : undefined),
        () => undefined,
      );
    }
  }
}
