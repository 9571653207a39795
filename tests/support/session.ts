import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FakeBotApi } from "./fake-bot-api.ts";

const BOT_LOG_DIR = join(tmpdir(), "designflow-bot-logs");
import { BotProcess, startBot, tempSqliteUrl } from "./bot-process.ts";
import { OwnerChat } from "./owner-chat.ts";

/** A fake Bot API, a database and the bot process polling it, plus the owner's chat. */
export class BotSession {
  api!: FakeBotApi;
  bot!: BotProcess;
  chat!: OwnerChat;
  databaseUrl: string;
  private env: Record<string, string>;
  private nodeArgs: string[];

  /** `nodeArgs`: node flags for the bot process (the benchmarks start it as the Procfile does). */
  constructor(options: { databaseUrl?: string; env?: Record<string, string>; nodeArgs?: string[] } = {}) {
    this.databaseUrl = options.databaseUrl ?? tempSqliteUrl();
    this.env = options.env ?? {};
    this.nodeArgs = options.nodeArgs ?? [];
  }

  async start(): Promise<this> {
    this.api = await new FakeBotApi().start();
    this.chat = new OwnerChat(this.api);
    this.bot = await startBot(this.api, this.databaseUrl, this.env, this.nodeArgs);
    return this;
  }

  /** kill -9 and start again on the same database and Bot API. */
  async crashAndRestart(): Promise<void> {
    // Kill only once the last update is fully handled: an unconfirmed update is (rightly) delivered again after a
    // crash.
    await this.chat.settle();
    await this.bot.stop();
    this.bot = await startBot(this.api, this.databaseUrl, this.env, this.nodeArgs);
  }

  async close(): Promise<void> {
    await this.bot?.stop();
    if (process.env.SHOW_BOT_LOG) process.stderr.write(this.bot?.output ?? "");
    // Kept for a failure that only shows in the full run (the bot's own log says why).
    if (this.bot) {
      mkdirSync(BOT_LOG_DIR, { recursive: true });
      writeFileSync(join(BOT_LOG_DIR, `${process.pid}-${Date.now()}.log`), this.bot.output);
    }
    await this.api?.close();
  }
}
