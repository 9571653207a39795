import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** The HTTP plumbing the fake APIs share: a server on 127.0.0.1 (a free port) that hands each request to `route`. */
export abstract class LocalHttpFake {
  private readonly server = createServer((req, res) => {
    // A request its client abandoned (a timeout, a stopped bot) has no one left to answer; any other failure still
    // surfaces as the fake's own bug.
    Promise.resolve(this.route(req, res)).catch((error: unknown) => {
      if (req.destroyed || (error as NodeJS.ErrnoException)?.code === "ECONNRESET") return;
      throw error;
    });
  });
  private url = "";

  protected abstract route(req: IncomingMessage, res: ServerResponse): Promise<void> | void;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get isListening(): boolean {
    return this.server.listening;
  }

  /** The URL to point the client at: set by start() and kept after close() (for "connection refused" cases). */
  get baseUrl(): string {
    return this.url;
  }

  /** Drops open connections (long polls, streams) and stops listening. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Answers with a JSON body, unless the response is already over (ended, or its connection gone). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}
