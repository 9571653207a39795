import { describe, expect, it } from "vitest";
import { loadConfig, modelFromGeminiEndpoint, ConfigError } from "../src/config.ts";
import { BotProcess } from "./support/bot-process.ts";

const base = { BOT_TOKEN: "123456:AAbbCCddEEffGGhh", TELEGRAM_USER_ID: "42" };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("configuration", () => {
  it("applies the documented defaults with only the token and the owner id", () => {
    const config = loadConfig(base);
    expect(config.database).toMatchObject({ provider: "sqlite" });
    expect(config.database.url).toBe("file:./data/designflow.db");
    expect(config.timeZone).toBe("Europe/Moscow");
    expect(config.reminderCron).toBe("0 */6 * * *");
    expect(config.ideaDigestCron).toBe("0 10 * * 1");
    expect(config.notion).toBeUndefined();
    expect(config.gemini).toBeUndefined();
    expect(config.fal).toBeUndefined();
  });

  it("accepts a comma list of owner ids", () => {
    expect(loadConfig({ ...base, TELEGRAM_USER_ID: "42, 4200000000" }).ownerIds).toEqual([42, 4200000000]);
  });

  it("reports one line per bad variable without echoing values", () => {
    const lines = problems({
      BOT_TOKEN: "",
      TELEGRAM_USER_ID: "abc",
      DATABASE_URL: "mysql://secret-pass@x/db",
      LOG_LEVEL: "loud",
      REMINDER_CRON: "every day",
    });
    expect(lines.map((line) => line.split(":")[0]).sort()).toEqual([
      "BOT_TOKEN",
      "DATABASE_URL",
      "LOG_LEVEL",
      "REMINDER_CRON",
      "TELEGRAM_USER_ID",
    ]);
    expect(lines.join("\n")).not.toContain("secret-pass");
  });

  it("reads missing variables as required", () => {
    expect(problems({})).toEqual([expect.stringMatching(/^BOT_TOKEN: /), expect.stringMatching(/^TELEGRAM_USER_ID: /)]);
  });

  it("takes Postgres URLs with TLS for remote hosts and never lets sslmode override it", () => {
    const remote = loadConfig({
      ...base,
      DATABASE_URL: "postgres://u:p4ssw0rd-x@ec2-1-2-3-4.compute.amazonaws.com:5432/d1?sslmode=require",
    });
    expect(remote.database).toMatchObject({ provider: "postgres", ssl: { rejectUnauthorized: false } });
    expect((remote.database as { connectionString: string }).connectionString).not.toContain("sslmode");
    expect(remote.secrets).toContain("p4ssw0rd-x");
    const local = loadConfig({ ...base, DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" });
    expect(local.database).toMatchObject({ provider: "postgres", ssl: false });
  });

  it("takes the Gemini model from a seed-style endpoint, else LLM_MODEL, else the default", () => {
    expect(
      modelFromGeminiEndpoint(
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash-latest:generateContent",
      ),
    ).toBe("gemini-1.5-flash-latest");
    expect(loadConfig({ ...base, LLM_API_KEY: "k-123456", LLM_MODEL: "gemini-3-flash" }).gemini?.model).toBe(
      "gemini-3-flash",
    );
    expect(loadConfig({ ...base, LLM_API_KEY: "k-123456" }).gemini?.model).toBe("gemini-2.5-flash");
  });

  it("enables Notion only with both the key and the database id", () => {
    expect(loadConfig({ ...base, NOTION_API_KEY: "secret_abcdef" }).notion).toBeUndefined();
    const notion = loadConfig({
      ...base,
      NOTION_API_KEY: "secret_abcdef",
      NOTION_DB_ID: "abc",
      NOTION_STATUS_VALUES: "Idea,Active,Archive",
    }).notion;
    expect(notion).toMatchObject({
      titleProperty: "Name",
      statusProperty: "Status",
      statusValues: { idea: "Idea", active: "Active", archived: "Archive" },
    });
  });

  it("makes the process exit 1 with one clean line per problem and no stack trace", async () => {
    const bot = new BotProcess({
      BOT_TOKEN: "123456:SuperSecretToken1",
      TELEGRAM_USER_ID: "12,x",
      LOG_LEVEL: "chatty",
      DATABASE_URL: "ftp://nowhere",
    });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    const lines = bot.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^config error: (TELEGRAM_USER_ID|LOG_LEVEL|DATABASE_URL): /);
    expect(bot.output).not.toContain("SuperSecretToken1");
    expect(bot.output).not.toMatch(/\n\s+at /);
  });
});
