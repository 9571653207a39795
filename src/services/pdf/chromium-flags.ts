/** How the one headless Chromium is launched, and how much of the dyno it may keep. */

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
  // No renderer process kept booted in reserve for a next tab (~35 MB): one page renders, one at a time.
  "--disable-features=SpareRendererForSitePerProcess",
  // No connection leaves the browser, not even one the request filter never sees (preconnect, prefetch, a
  // frame's or a refresh's navigation): every host, IP literals included, resolves to nothing, so no DNS
  // lookup (an exfiltration channel by host name) and no TCP. The template's own files are answered by
  // request interception before any lookup.
  "--host-resolver-rules=MAP * ~NOTFOUND",
  "--dns-prefetch-disable",
  // Page scripts are off; the only JavaScript is ours (fit-images measuring boxes): a small V8 heap is plenty.
  "--js-flags=--max-old-space-size=64",
];

/**
 * Chromium's share of the dyno (512 MB, the bot and the sandbox need the rest): a browser whose processes
 * together hold more after a render (PSS, /proc) is closed, and the next render starts a fresh one.
 */
export const CHROMIUM_MEMORY_BUDGET_BYTES = 260 * 1024 * 1024;
