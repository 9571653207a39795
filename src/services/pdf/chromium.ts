import { rmSync } from "node:fs";
import { phaseClock } from "./phase-clock.ts";
import type { Browser, HTTPRequest, Page } from "puppeteer-core";
import { setUpPage, startBrowser } from "./chromium-launch.ts";
import { BlankDocuments } from "./blank-documents.ts";
import { RenderTimeoutError, withTimeout } from "./render-timeout.ts";
import { drawCard, printPage, type PageInput, type PageOutput } from "./draw-card.ts";
import { imageBoxesOf, type KeptCard, prefitForKeptCard, reprintFor, reprintKeptCard } from "./reprint.ts";
import { answerRequest, servedDocument, TEMPLATE_ORIGIN, type ServedDocument } from "./request-filter.ts";
import { treeMemoryAsync } from "./process-memory.ts";
import { CHROMIUM_MEMORY_BUDGET_BYTES } from "./chromium-flags.ts";

export { RenderTimeoutError, TEMPLATE_ORIGIN, type PageInput };

const RECYCLE_IDLE_MS = 500;
/** How long a kept card waits for its reprint (Gemini's answer, in the generator) before the page is cleared. */
const KEPT_CARD_MS = 60_000;
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
  /** The card left on the page by a render that asked to keep it (see PageInput.keep). */
  private kept: { page: Page; card: KeptCard } | undefined;
  private readonly blank: BlankDocuments;
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
    this.blank = new BlankDocuments(this.timeoutMs);
  }

  get running(): boolean {
    return this.browser !== undefined;
  }

  /** Starts the browser and its page in the background (errors surface on the next render). */
  warm(): void {
    this.preparePage().catch(() => undefined);
    this.armIdleTimer();
  }

  /** A card on its way (its template still running): its new photos start fitting to the kept card's boxes. */
  prefit(files: Map<string, Uint8Array>, placeholders: Map<string, { width: number; height: number }>): void {
    if (this.kept) prefitForKeptCard(this.kept.card, files, placeholders);
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
    this.kept = undefined;
    this.pageRenders = 0;
    const browser = this.browser;
    this.browser = undefined;
    if (browser) await browser.then((b) => b.close()).catch(() => undefined);
    if (this.profileDir) rmSync(this.profileDir, { recursive: true, force: true });
    this.profileDir = undefined;
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const { launching, profileDir } = startBrowser(this.executablePath, this.timeoutMs, this.profileDir);
      this.profileDir = profileDir;
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
      await setUpPage(page);
      page.on("request", (request) => this.answer(request));
      await this.clearPage(page);
      return page;
    });
  }

  private clearPage(page: Page): Promise<void> {
    return this.blank.clear(page);
  }

  private answer(request: HTTPRequest): void {
    if (!this.blank.answers(request)) answerRequest(request, this.current);
  }

  /** After a failure the page may be mid-navigation or hung: the next render gets a fresh one. */
  private dropPage(): void {
    const page = this.page;
    this.kept = undefined;
    this.page = undefined;
    this.pageRenders = 0;
    void page?.then((p) => p.close()).catch(() => undefined);
  }

  /** The old page is closed first, so its renderer exits before the new page gets one. */
  private recyclePage(): void {
    clearTimeout(this.recycleTimer);
    this.kept = undefined;
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
    const placeholders = input.placeholders ?? new Map();
    const { page, reprint } = await this.pageFor(input.assets, placeholders);
    phase("page ready");
    const served = reprint?.kept.served ?? servedDocument(input.assets, placeholders);
    this.current = served;
    this.pageRenders++;
    // The files as given (drawing adds the fitted copies to the served map). A page at its render limit is recycled
    // rather than kept (afterRender): a renderer must not grow forever.
    const files = input.keep && this.pageRenders < PAGE_RENDERS_MAX ? new Map(input.assets) : undefined;
    let keeping = false;
    try {
      const { output, imageBoxes: reprinted } = await withTimeout(
        this.draw(page, input, served, phase, reprint),
        this.timeoutMs,
      );
      if (files) {
        const imageBoxes = reprinted ?? (await imageBoxesOf(page));
        this.kept = { page, card: { html: input.html, files, placeholders, served: this.current, imageBoxes } };
        keeping = true;
      }
      return output;
    } catch (error) {
      this.dropPage();
      throw error;
    } finally {
      this.current = undefined;
      this.armIdleTimer();
      this.afterRender(page, keeping);
    }
  }

  /**
   * The page for the next card: holding the kept card when these files reprint it; else a new empty document (on a
   * fresh page when it held a kept card: the pause the card was kept over is when a page is recycled anyway, and a
   * page reused card after card grows).
   */
  private async pageFor(
    files: Map<string, Uint8Array>,
    placeholders: Map<string, { width: number; height: number }>,
  ): Promise<{ page: Page; reprint?: { kept: KeptCard; newPhotos: string[] } }> {
    let page = await this.preparePage();
    const kept = this.kept?.page === page ? this.kept.card : undefined;
    this.kept = undefined;
    const reprint = kept && !page.isClosed() ? reprintFor(kept, files, placeholders) : undefined;
    if (kept && reprint) return { page, reprint: { kept, ...reprint } };
    if (kept) {
      this.recyclePage();
      page = await this.preparePage();
    }
    const ready = await this.blank.ready(page).then(
      () => !page.isClosed(),
      () => false,
    );
    if (ready) return { page };
    this.dropPage();
    return { page: await this.preparePage() };
  }

  /**
   * The kept card with the new words and photos, printed without a load (see reprint.ts); else the card drawn anew
   * (after the page's move to a new empty document when it held the kept card).
   */
  private async draw(
    page: Page,
    input: PageInput,
    served: ServedDocument,
    phase: (name: string) => void,
    reprint: { kept: KeptCard; newPhotos: string[] } | undefined,
  ): Promise<{ output: PageOutput; imageBoxes?: string }> {
    const options = { preview: input.preview, timeoutMs: this.timeoutMs, phase };
    if (reprint) {
      const files = input.assets;
      // Reprinted, the card's photos kept their boxes (reprintKeptCard checked): the kept card's boxes stand.
      if (await reprintKeptCard(page, { ...reprint, html: input.html, files, photoChecks: input.photoChecks }, phase))
        return { output: await printPage(page, served, options), imageBoxes: reprint.kept.imageBoxes };
      this.current = undefined;
      await this.clearPage(page);
      served = servedDocument(input.assets, input.placeholders ?? new Map());
      this.current = served;
      phase("kept card cleared");
    }
    const loads = { base: () => `${TEMPLATE_ORIGIN}/r${++this.renders}/`, clear: () => this.clearPage(page) };
    return {
      output: await drawCard(page, input.html, served, { ...options, photoChecks: input.photoChecks, ...loads }),
    };
  }

  /** The page after a card: a new empty document (unless the card is kept), recycled in time; the memory check. */
  private afterRender(page: Page, keeping: boolean): void {
    if (this.pageRenders >= PAGE_RENDERS_MAX) this.recyclePage();
    else if (this.page) {
      if (keeping) this.blank.forget(page);
      else if (!page.isClosed()) void this.clearPage(page);
      this.recycleTimer = setTimeout(() => this.recyclePage(), keeping ? KEPT_CARD_MS : RECYCLE_IDLE_MS).unref();
    }
    // Measured after the card is handed over (walking /proc took ~25 ms of each card); the next card waits for it.
    this.afterCard = this.overBudget().then(
      (over) => (over ? this.close() : undefined),
      () => undefined,
    );
  }
}
