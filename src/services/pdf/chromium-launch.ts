import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { appRoot } from "./chromium-path.ts";
import { prepareBrowser } from "./npm-browser.ts";
import { browserEnv } from "./browser-env.ts";
import { CHROMIUM_FLAGS } from "./chromium-flags.ts";
import { PRINTED_A4_VIEWPORT } from "./page-size.ts";

/**
 * Starts the browser in a new profile directory, removing the one a browser that died left behind (one not closed by
 * the pool). The npm browser is inflated on its first launch (a no-op for any other browser).
 */
export function startBrowser(
  executablePath: string,
  timeoutMs: number,
  leftBehind: string | undefined,
): { launching: Promise<Browser>; profileDir: string } {
  if (leftBehind) rmSync(leftBehind, { recursive: true, force: true, maxRetries: 2 });
  const profileDir = mkdtempSync(join(tmpdir(), "designflow-chromium-"));
  const launching = prepareBrowser(executablePath, appRoot()).then(() =>
    launchChromium(executablePath, profileDir, timeoutMs),
  );
  return { launching, profileDir };
}

/** Starts the headless browser the pool prints with, in its own profile directory. */
export function launchChromium(executablePath: string, profileDir: string, timeoutMs: number): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
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
    protocolTimeout: timeoutMs + 5000,
  });
}

/**
 * The one page every card is printed on: no JavaScript, no cache, every request answered by the pool's filter (its
 * listener is the caller's), laid out as printed.
 */
export async function setUpPage(page: Page): Promise<void> {
  await page.setJavaScriptEnabled(false);
  // Each render serves other files under the same URLs: nothing may come from a cache.
  await page.setCacheEnabled(false);
  await page.setRequestInterception(true);
  // Laid out as printed from the start: fit-images measures the boxes the PDF shows, and the
  // PNG needs no relayout while the page size stays the same (the viewport follows the last card).
  await page.emulateMediaType("print");
  await page.setViewport(PRINTED_A4_VIEWPORT);
  await hideWindow(page);
}

/**
 * Minimises the page's (headless) window: a hidden page draws no frames, so the compositor no longer rasters every
 * change of the card for a display nobody sees (~50 ms of raster threads' CPU per heavy card, on the cores the photo
 * fits and the print need). Printing does not draw frames, and a screenshot draws the one it captures. A browser
 * that cannot do it prints all the same, only slower.
 */
async function hideWindow(page: Page): Promise<void> {
  const session = await page.createCDPSession();
  try {
    const { windowId } = await session.send("Browser.getWindowForTarget");
    await session.send("Browser.setWindowBounds", { windowId, bounds: { windowState: "minimized" } });
  } catch {
    // a visible page prints the same cards
  } finally {
    await session.detach().catch(() => undefined);
  }
}
