import { findChromium, type FoundChromium } from "./services/pdf/chromium-path.ts";
import { z } from "zod";
import { validate as validateCron } from "node-cron";
import { parseDatabaseUrl, type DatabaseTarget } from "./db/database-url.ts";
import type { NotionConfig } from "./services/notion/notion-connection.ts";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() ? value.trim() : undefined));

const optionalUrl = optionalText.refine((value) => value === undefined || URL.canParse(value), "must be a URL");

const cron = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => value.trim())
    .refine((value) => validateCron(value), "must be a valid cron expression (5 or 6 fields)");

const envSchema = z.object({
  BOT_TOKEN: z
    .string({ error: "is required (get one from @BotFather)" })
    .trim()
    .regex(/^\d+:[\w-]+$/, "must look like 123456:ABC-DEF… (from @BotFather)"),
  TELEGRAM_USER_ID: z
    .string({ error: "is required (your numeric Telegram id, comma-separated for several)" })
    .transform((value) =>
      value
        .split(",")
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .refine(
      (ids) => ids.length > 0 && ids.every((id) => /^\d{1,20}$/.test(id)),
      "must be numeric Telegram ids, comma-separated",
    )
    .transform((ids) => ids.map(Number)),
  DATABASE_URL: z
    .string()
    .default("file:./data/designflow.db")
    .transform((value, ctx): DatabaseTarget => {
      try {
        return parseDatabaseUrl(value.trim());
      } catch (error) {
        ctx.addIssue({ code: "custom", message: (error as Error).message.replace(/^DATABASE_URL: /, "") });
        return z.NEVER;
      }
    }),
  NOTION_API_KEY: optionalText,
  NOTION_DB_ID: optionalText,
  NOTION_TITLE_PROPERTY_NAME: z.string().default("Name"),
  NOTION_STATUS_PROPERTY_NAME: z.string().default("Status"),
  /** A Date property for deadlines; without it Notion is left as it was. */
  NOTION_DEADLINE_PROPERTY_NAME: optionalText,
  NOTION_STATUS_VALUES: z
    .string()
    .default("idea,active,archived")
    .transform((value) => value.split(",").map((part) => part.trim()))
    .refine(
      (values) => values.length === 3 && values.every(Boolean),
      "must be three comma-separated names: idea,active,archived",
    )
    .transform(([idea, active, archived]) => ({ idea, active, archived })),
  NOTION_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(30_000),
  NOTION_POLL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(180),
  LLM_API_KEY: optionalText,
  LLM_API_ENDPOINT: optionalUrl,
  LLM_MODEL: optionalText,
  FAL_API_KEY: optionalText,
  FAL_MODEL: z.string().default("fal-ai/flux/schnell"),
  /** The image-to-image model for moodboards from a reference picture (default: FLUX [dev] image-to-image). */
  FAL_IMAGE_MODEL: optionalText,
  FAL_UPSCALE_MODEL: optionalText,
  FAL_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
  /** "off" turns off the Fal SDK's own retries of 429/5xx (tests; a Retry button is offered anyway). */
  FAL_RETRIES: z.enum(["on", "off"]).default("on"),
  GEMINI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  BOT_TIMEZONE: z
    .string()
    .default("Europe/Moscow")
    .refine((zone) => isTimeZone(zone), "must be an IANA time zone such as Europe/Moscow"),
  REMINDER_CRON: cron("0 */6 * * *"),
  IDEA_DIGEST_CRON: cron("0 10 * * 1"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  PUPPETEER_EXECUTABLE_PATH: z.string().optional(),
  TELEGRAM_API_ROOT: optionalUrl,
  NOTION_BASE_URL: optionalUrl,
  GEMINI_BASE_URL: optionalUrl,
  FAL_BASE_URL: optionalUrl,
});

export type Env = z.output<typeof envSchema>;

export interface Config {
  botToken: string;
  ownerIds: number[];
  database: DatabaseTarget;
  logLevel: Env["LOG_LEVEL"];
  timeZone: string;
  reminderCron: string;
  ideaDigestCron: string;
  telegramApiRoot?: string;
  notion?: NotionConfig & {
    timeoutMs: number;
    /** How often edits made in Notion are pulled back. */
    pollSeconds: number;
  };
  gemini?: { apiKey: string; model: string; baseUrl?: string; timeoutMs: number };
  fal?: {
    apiKey: string;
    model: string;
    imageModel?: string;
    upscaleModel?: string;
    baseUrl?: string;
    timeoutMs: number;
    retries: boolean;
  };
  /** Which browser prints PDF cards and how it was found. */
  chromium: FoundChromium;
  /** Every secret value, so the logger can scrub them from any line. */
  secrets: string[];
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join("\n"));
    this.problems = problems;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The model named in a seed-style endpoint: …/models/<model>:generateContent. */
export function modelFromGeminiEndpoint(endpoint: string | undefined): string | undefined {
  return endpoint?.match(/\/models\/([^/:?]+)(?::\w+)?/)?.[1];
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Messages name the variable and the rule only; values (possibly secrets) are never echoed.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  const chromium = findChromium({ ...env, PUPPETEER_EXECUTABLE_PATH: e.PUPPETEER_EXECUTABLE_PATH });
  const config: Config = {
    botToken: e.BOT_TOKEN,
    ownerIds: e.TELEGRAM_USER_ID,
    database: e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    timeZone: e.BOT_TIMEZONE,
    reminderCron: e.REMINDER_CRON,
    ideaDigestCron: e.IDEA_DIGEST_CRON,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    chromium,
    secrets: [e.BOT_TOKEN, e.NOTION_API_KEY, e.LLM_API_KEY, e.FAL_API_KEY].filter((s): s is string => !!s),
  };
  if (e.NOTION_API_KEY && e.NOTION_DB_ID) {
    config.notion = {
      apiKey: e.NOTION_API_KEY,
      databaseId: e.NOTION_DB_ID,
      titleProperty: e.NOTION_TITLE_PROPERTY_NAME,
      statusProperty: e.NOTION_STATUS_PROPERTY_NAME,
      ...(e.NOTION_DEADLINE_PROPERTY_NAME ? { deadlineProperty: e.NOTION_DEADLINE_PROPERTY_NAME } : {}),
      statusValues: e.NOTION_STATUS_VALUES,
      baseUrl: e.NOTION_BASE_URL,
      timeoutMs: e.NOTION_TIMEOUT_MS,
      pollSeconds: e.NOTION_POLL_SECONDS,
    };
  }
  if (e.LLM_API_KEY) {
    const model = modelFromGeminiEndpoint(e.LLM_API_ENDPOINT) ?? e.LLM_MODEL ?? "gemini-2.5-flash";
    config.gemini = { apiKey: e.LLM_API_KEY, model, baseUrl: e.GEMINI_BASE_URL, timeoutMs: e.GEMINI_TIMEOUT_MS };
  }
  if (e.FAL_API_KEY)
    config.fal = {
      apiKey: e.FAL_API_KEY,
      model: e.FAL_MODEL,
      ...(e.FAL_IMAGE_MODEL ? { imageModel: e.FAL_IMAGE_MODEL } : {}),
      ...(e.FAL_UPSCALE_MODEL ? { upscaleModel: e.FAL_UPSCALE_MODEL } : {}),
      baseUrl: e.FAL_BASE_URL,
      timeoutMs: e.FAL_TIMEOUT_MS,
      retries: e.FAL_RETRIES === "on",
    };
  if (e.BOT_TOKEN) config.secrets.push(e.BOT_TOKEN.split(":")[1] ?? "");
  const database = config.database;
  if (database.provider === "postgres") {
    const password = new URL(database.url).password;
    if (password) config.secrets.push(decodeURIComponent(password));
  }
  config.secrets = config.secrets.filter((s) => s.length >= 6);
  return config;
}

export function describeIntegrations(config: Config): string {
  const on = (flag: unknown) => (flag ? "on" : "off");
  const gemini = config.gemini ? `(${config.gemini.model})` : "";
  const fal = config.fal ? `(${config.fal.model})` : "";
  return (
    `integrations: notion=${on(config.notion)} gemini=${on(config.gemini)}${gemini} ` +
    `fal=${on(config.fal)}${fal} database=${config.database.provider}`
  );
}
