import type { IncomingMessage, ServerResponse } from "node:http";
import { LocalHttpFake, readBody, sendJson } from "./fake-http-server.ts";
import { BOT_USER, BotMethods, OWNER_ID } from "./fake-bot-methods.ts";
import type { Refusal } from "./telegram-contract.ts";

export { BOT_USER, OWNER_ID };
export const STRANGER_ID = 999_888_777;

export interface RecordedCall {
  method: string;
  payload: Record<string, any>;
  /** Files of a multipart upload: field name → bytes. */
  files: Record<string, { name: string; bytes: Buffer }>;
  /** What the fake answered (message objects carry their message_id). */
  result?: any;
  /** performance.now() when the call arrived, body read and parsed (for latency figures). */
  receivedAt: number;
  /** performance.now() when the request's headers arrived, and when its last body byte did (before any parsing). */
  startedAt: number;
  bodyAt: number;
  at: number;
  /** Set when the fake refused the call the way Telegram would (or a test injected the failure). */
  refused?: Refusal;
  /** The refusal came from failNext/resetNext: the test asked for it. */
  injected?: boolean;
}

interface Fault {
  method: string;
  times: number;
  status: number;
  body: Record<string, unknown>;
  /** Destroy the connection instead of answering (a reset mid-request; the call is not carried out). */
  reset?: boolean;
  /** Only calls whose payload this accepts fail (the post after a PDF, not the status before it). */
  when?: (payload: Record<string, any>) => boolean;
}

interface Waiter {
  offset: number;
  limit: number;
  resolve: (updates: any[]) => void;
}

/**
 * A Telegram Bot API stand-in on 127.0.0.1: serves getUpdates with real long
 * polling and offsets, records every call (JSON and multipart), keeps the chats
 * as Telegram would show them and refuses what Telegram refuses (BotMethods),
 * serves files for getFile, and injects errors on demand. Every refusal a test
 * did not ask for fails that test (tests/support/strict-bot-api.ts).
 */
export class FakeBotApi extends LocalHttpFake {
  /** Fakes started and not yet checked: the shared after-each hook reads their refusals. */
  static readonly live = new Set<FakeBotApi>();
  readonly methods = new BotMethods();
  /** Calls before this index were already checked for refusals. */
  private checkedUpTo = 0;
  readonly calls: RecordedCall[] = [];
  /** File downloads (GET /file/bot<token>/<path>), in order. */
  readonly downloads: { path: string; at: number }[] = [];
  readonly token: string;
  private updates: any[] = [];
  private nextUpdateId = 1;
  private nextMessageId = 1000;
  private waiters: Waiter[] = [];
  private faults: Fault[] = [];
  private listeners = new Set<() => void>();
  /** performance.now() when each update was first handed to the bot in a getUpdates response. */
  readonly deliveredAt = new Map<number, number>();
  /** Answers every method but getUpdates this much later (Telegram's round trip, for benchmarks). */
  answerDelayMs = 0;
  /** Every file download waits this long first (Telegram's file server: 0.3–1.5 s for a few MB). */
  fileDelayMs = 0;
  /** The highest offset the bot confirmed (all updates below it are acknowledged). */
  confirmedOffset = 0;

  constructor(token = "123456:TEST-token_abcdefghijklmnop") {
    super();
    this.token = token;
  }

  get apiRoot(): string {
    return this.baseUrl;
  }

  override async start(): Promise<this> {
    await super.start();
    FakeBotApi.live.add(this);
    return this;
  }

  override async close(): Promise<void> {
    for (const waiter of this.waiters.splice(0)) waiter.resolve([]);
    await super.close();
  }

  /** Telegram's lifetime of a callback query: answering later is refused. */
  set callbackQueryLifetimeMs(ms: number) {
    this.methods.callbackQueryLifetimeMs = ms;
  }

  /** Refused calls the test did not inject, since the last check; marks them checked. */
  takeUnexpectedRefusals(): RecordedCall[] {
    const fresh = this.calls.slice(this.checkedUpTo);
    this.checkedUpTo = this.calls.length;
    return fresh.filter((call) => call.refused && !call.injected);
  }

  /** Refusals a test provoked on purpose (it asserts on them): they are not reported as the bot's mistakes. */
  acceptRefusals(predicate: (call: RecordedCall) => boolean = () => true): RecordedCall[] {
    const accepted = this.calls
      .slice(this.checkedUpTo)
      .filter((call) => call.refused && !call.injected && predicate(call));
    for (const call of accepted) call.injected = true;
    return accepted;
  }

  /**
   * The bot was killed with updates unconfirmed: Telegram delivers them again, and the new process redoes what
   * the killed one had already done — answering those callback queries (refused: answered already) and
   * redrawing screens (refused: not modified). Those refusals follow from the injected kill, so they count as
   * injected; any other refusal still fails the test.
   */
  expectRedelivery(): void {
    for (const update of this.updates) {
      if (update.update_id >= this.confirmedOffset && update.callback_query?.id)
        this.redeliveredQueries.add(String(update.callback_query.id));
    }
    this.redeliveryUntil = Math.max(this.redeliveryUntil, this.lastUpdateId());
  }

  private redeliveredQueries = new Set<string>();
  private redeliveryUntil = 0;

  private causedByRedelivery(call: RecordedCall): boolean {
    if (call.method === "answerCallbackQuery")
      return this.redeliveredQueries.has(String(call.payload.callback_query_id));
    return /not modified/.test(call.refused?.description ?? "") && this.confirmedOffset <= this.redeliveryUntil;
  }

  /** Every refused call (injected or not) so far. */
  refusals(): RecordedCall[] {
    return this.calls.filter((call) => call.refused);
  }

  /** The current Message object of a chat message, as Telegram would put it into an update. */
  message(chatId: number, messageId: number): Record<string, any> | undefined {
    const stored = this.methods.chats.get(chatId, messageId);
    return stored && this.methods.chats.toTelegram(stored, BOT_USER);
  }

  /** The newest live message whose keyboard shows a button with this callback data (what a user can tap). */
  messageWithButton(data: string, chatId = OWNER_ID): Record<string, any> | undefined {
    const stored = this.methods.chats.withButton(data, chatId);
    return stored && this.methods.chats.toTelegram(stored, BOT_USER);
  }

  /** The oldest text message the bot sent that the chat still shows: where a stale button can be tapped. */
  oldMessage(chatId = OWNER_ID): Record<string, any> {
    const stored = this.methods.chats.oldest(chatId);
    if (!stored) throw new Error("the bot has sent no text message yet");
    return this.methods.chats.toTelegram(stored, BOT_USER);
  }

  /** Resolves once the bot has confirmed every update pushed so far (or after `timeoutMs`, quietly). */
  async settled(timeoutMs = 5_000): Promise<void> {
    const lastPoll = this.calls.findLast((call) => call.method === "getUpdates");
    if (!lastPoll || Date.now() - lastPoll.at > 3_000) return;
    const deadline = Date.now() + timeoutMs;
    while (this.confirmedOffset <= this.lastUpdateId() && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));
  }

  liveButtons(): string[] {
    return this.methods.chats.liveButtons();
  }

  /** Queues an update (update_id assigned) and wakes a waiting getUpdates. */
  push(update: Record<string, unknown>): number {
    this.methods.observeUpdate(update);
    const update_id = this.nextUpdateId++;
    this.updates.push({ update_id, ...update });
    this.flushWaiters();
    return update_id;
  }

  /** Makes the next `times` calls of `method` fail with the given Bot API error. */
  failNext(
    method: string,
    error: { error_code: number; description?: string; retry_after?: number },
    times = 1,
    when?: (payload: Record<string, any>) => boolean,
  ): void {
    const body: Record<string, unknown> = {
      ok: false,
      error_code: error.error_code,
      description: error.description ?? `Error ${error.error_code}`,
    };
    if (error.retry_after !== undefined) body.parameters = { retry_after: error.retry_after };
    this.faults.push({ method, times, status: error.error_code, body, when });
  }

  /** Makes the next `times` calls of `method` end in a connection reset (socket destroyed, no response). */
  resetNext(method: string, times = 1): void {
    this.faults.push({ method, times, status: 0, body: {}, reset: true });
  }

  /** A file Telegram holds (sent by the user earlier): getFile and downloads serve it. */
  addFile(fileId: string, bytes: Buffer): void {
    this.methods.files.set(fileId, { bytes, size: bytes.length });
  }

  /** A chat that has talked to the bot (the owner's always has); sending elsewhere is refused. */
  knowChat(chatId: number): void {
    this.methods.knowChat(chatId);
  }

  lastUpdateId(): number {
    return this.nextUpdateId - 1;
  }

  pendingUpdates(): number {
    return this.updates.filter((u) => u.update_id >= this.confirmedOffset).length;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Calls other than polling and start-up housekeeping. */
  replies(): RecordedCall[] {
    return this.calls.filter(
      (call) => !["getUpdates", "getMe", "deleteWebhook", "setMyCommands"].includes(call.method),
    );
  }

  /** Resolves with the first call (recorded after `since`) that matches. */
  waitForCall(
    predicate: (call: RecordedCall) => boolean,
    options: { since?: number; timeoutMs?: number } = {},
  ): Promise<RecordedCall> {
    const since = options.since ?? 0;
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.calls.slice(since).find(predicate);
        if (!found) return false;
        cleanup();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.calls
          .slice(since)
          .map((c) => `${c.method}${c.payload.text ? `(${String(c.payload.text).slice(0, 60)})` : ""}`);
        reject(new Error(`no matching Bot API call within ${timeoutMs} ms; saw: ${seen.join(", ") || "nothing"}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(listener);
      };
      const listener = () => void check();
      if (check()) return;
      this.listeners.add(listener);
    });
  }

  private flushWaiters(): void {
    for (const waiter of [...this.waiters]) {
      const ready = this.updates.filter((u) => u.update_id >= waiter.offset).slice(0, waiter.limit);
      if (ready.length === 0) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(ready);
    }
  }

  protected async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = performance.now();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const fileMatch = url.pathname.match(/^\/file\/bot([^/]+)\/(.+)$/);
    if (fileMatch && this.fileDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.fileDelayMs));
    if (fileMatch) return this.serveFile(fileMatch[1], decodeURIComponent(fileMatch[2]), res);
    const match = url.pathname.match(/^\/bot([^/]+)\/(\w+)$/);
    if (!match) return this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== this.token)
      return this.send(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2];
    const { payload, files, bodyAt } = await readPayload(req, url);
    const call: RecordedCall = {
      method,
      payload,
      files,
      at: Date.now(),
      receivedAt: performance.now(),
      startedAt,
      bodyAt,
    };
    this.calls.push(call);
    for (const listener of [...this.listeners]) listener();

    const fault = this.faults.find((f) => f.method === method && f.times > 0 && (f.when?.(payload) ?? true));
    if (fault) {
      fault.times--;
      call.injected = true;
      call.refused = { error_code: fault.status, description: String(fault.body.description ?? "connection reset") };
      if (fault.reset) return void req.socket.destroy();
      return this.send(res, fault.status, fault.body);
    }
    if (method === "getUpdates") return this.getUpdates(payload, req, res);
    if (this.answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.answerDelayMs));
    const outcome = await this.methods.call(method, payload, files);
    if ("refusal" in outcome) {
      call.refused = outcome.refusal;
      if (this.causedByRedelivery(call)) call.injected = true;
    } else call.result = outcome.result;
    for (const listener of [...this.listeners]) listener();
    if ("refusal" in outcome) return this.send(res, outcome.refusal.error_code, { ok: false, ...outcome.refusal });
    return this.send(res, 200, { ok: true, result: call.result });
  }

  private getUpdates(payload: Record<string, any>, req: IncomingMessage, res: ServerResponse): void {
    const offset = Number(payload.offset ?? 0);
    if (offset > this.confirmedOffset) this.confirmedOffset = offset;
    this.updates = this.updates.filter((u) => u.update_id >= this.confirmedOffset);
    const limit = Number(payload.limit ?? 100);
    const ready = this.updates.filter((u) => u.update_id >= offset).slice(0, limit);
    const timeout = Number(payload.timeout ?? 0);
    if (ready.length > 0 || timeout === 0) return this.send(res, 200, { ok: true, result: ready });
    const waiter: Waiter = {
      offset,
      limit,
      resolve: (updates) => {
        clearTimeout(timer);
        if (!res.writableEnded) this.send(res, 200, { ok: true, result: updates });
      },
    };
    const timer = setTimeout(() => waiter.resolve([]), Math.min(timeout, 2) * 1000);
    req.on("close", () => {
      clearTimeout(timer);
      const index = this.waiters.indexOf(waiter);
      if (index >= 0) this.waiters.splice(index, 1);
    });
    this.waiters.push(waiter);
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    this.downloads.push({ path, at: Date.now() });
    const bytes = token === this.token ? this.methods.files.get(path.replace(/^files\//, ""))?.bytes : undefined;
    if (!bytes) return this.send(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": bytes.length });
    res.end(bytes);
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded) return;
    const result = (body as { result?: unknown }).result;
    if (Array.isArray(result))
      for (const update of result)
        if (update?.update_id && !this.deliveredAt.has(update.update_id))
          this.deliveredAt.set(update.update_id, performance.now());
    sendJson(res, status, body);
  }
}

async function readPayload(req: IncomingMessage, url: URL) {
  const body = await readBody(req);
  const bodyAt = performance.now();
  const type = req.headers["content-type"] ?? "";
  const payload: Record<string, any> = Object.fromEntries(url.searchParams);
  const files: RecordedCall["files"] = {};
  if (type.includes("application/json") && body.length) Object.assign(payload, JSON.parse(body.toString("utf8")));
  else if (type.includes("multipart/form-data")) {
    // grammY writes `filename=Лампа_Card.pdf` unquoted (Telegram accepts it); undici's parser only takes non-ASCII
    // names quoted.
    const quoted = Buffer.from(
      body.toString("latin1").replace(/(content-disposition:[^\r\n]*;filename=)([^"\r\n][^\r\n]*)/gi, '$1"$2"'),
      "latin1",
    );
    const form = await new Request("http://x/", {
      method: "POST",
      headers: { "content-type": type },
      body: quoted,
    }).formData();
    for (const [key, value] of form) {
      if (typeof value === "string") payload[key] = value;
      else files[key] = { name: value.name, bytes: Buffer.from(await value.arrayBuffer()) };
    }
  } else if (type.includes("application/x-www-form-urlencoded"))
    Object.assign(payload, Object.fromEntries(new URLSearchParams(body.toString())));
  return { payload, files, bodyAt };
}
