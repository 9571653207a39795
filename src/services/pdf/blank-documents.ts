import type { HTTPRequest, Page } from "puppeteer-core";
import { TEMPLATE_ORIGIN } from "./request-filter.ts";

/**
 * Cards are written into the page (setContent, ~20 ms less than a navigation per card), each into a document of its
 * own: a document written twice keeps things of the first card (style caches showed its images). So the page goes to
 * a new empty document after each card, while nobody waits; the next card waits for that move (`ready`).
 */
export class BlankDocuments {
  /** Each page's latest move to a new empty document. */
  private readonly cleared = new WeakMap<Page, Promise<void>>();
  private expecting = false;
  private readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    this.timeoutMs = timeoutMs;
  }

  /** Moves the page to a new empty document. */
  clear(page: Page): Promise<void> {
    const clearing = (async () => {
      this.expecting = true;
      try {
        await page.goto(`${TEMPLATE_ORIGIN}/`, { waitUntil: "load", timeout: this.timeoutMs });
      } finally {
        this.expecting = false;
      }
    })();
    clearing.catch(() => undefined);
    this.cleared.set(page, clearing);
    return clearing;
  }

  /** The page's move under way or done, or a new one when the page holds a card (see `forget`). */
  ready(page: Page): Promise<void> {
    return this.cleared.get(page) ?? this.clear(page);
  }

  /** The page holds a card again (a kept one): its next `ready` moves it. */
  forget(page: Page): void {
    this.cleared.delete(page);
  }

  /** Answers the empty document's own request; false for any other request (the request filter's). */
  answers(request: HTTPRequest): boolean {
    const ours =
      this.expecting &&
      request.isNavigationRequest() &&
      request.url() === `${TEMPLATE_ORIGIN}/` &&
      !request.frame()?.parentFrame();
    if (!ours) return false;
    this.expecting = false;
    void request.respond({
      status: 200,
      contentType: "text/html; charset=utf-8",
      body: "<!doctype html><title></title>",
    });
    return true;
  }
}
