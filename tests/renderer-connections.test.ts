import { createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../src/services/pdf/chromium-path.ts";
import { PdfService } from "../src/services/pdf/pdf-service.ts";

/**
 * The renderer opens no connection at all: not only are its HTTP requests filtered, no TCP connection (and no
 * DNS lookup, an exfiltration channel by host name) leaves Chromium — counted by a raw TCP listener.
 */
// The headless shell the bot prefers, and the full browser (the chrome-for-testing alternative): the full one
// opened 7 connections for this template before the host resolver was closed.
const browsers = [...new Set([chromiumPath(), "/usr/bin/chromium"].filter((path) => existsSync(path)))];

describe.each(browsers)("Chromium (%s) opens no connection while printing a hostile template", (browser) => {
  const pdf = new PdfService({ chromiumPath: browser, timeoutMs: 30_000 });
  let server: Server;
  let port = 0;
  const connections: Socket[] = [];

  beforeAll(async () => {
    server = createServer((socket) => {
      connections.push(socket);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await pdf.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it("preconnect, dns-prefetch, iframes, meta refresh and images to a loopback listener: 0 connections", async () => {
    const target = `http://127.0.0.1:${port}`;
    const named = `http://localhost:${port}`;
    const html = `<!doctype html><html><head>
<link rel="preconnect" href="${target}"><link rel="preconnect" href="${named}"><link rel="dns-prefetch" href="${named}">
<link rel="prefetch" href="${target}/prefetch"><link rel="preload" as="image" href="${target}/preload.png">
<meta http-equiv="refresh" content="0;url=${target}/refresh"></head>
<body><p>card</p><iframe src="${target}/frame"></iframe><iframe src="${named}/frame2"></iframe><img src="${named}/i.png"></body></html>`;
    const result = await pdf.render({ html, css: null, files: new Map() }, {}, { preview: "png" });
    expect(result.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(connections).toHaveLength(0);
  });
});
