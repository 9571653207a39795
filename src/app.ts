import { checkBrowser } from "./services/pdf/browser-check.ts";
import { GrammyError } from "grammy";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import { createDb, type Db } from "./db/client.ts";
import { applyMigrationsInWorker } from "./db/migrate-in-worker.ts";
import { migrationsUpToDate } from "./db/migration-status.ts";
import { SettingsRepository } from "./db/settings-repository.ts";
import { ProjectRepository } from "./db/project-repository.ts";
import { NotionOutbox } from "./db/notion-outbox.ts";
import { createWorkspace } from "./bot/workspace.ts";
import { SyncJobRepository } from "./db/sync-job-repository.ts";
import { TemplateRepository } from "./db/template-repository.ts";
import { LazyPdfService } from "./services/pdf/lazy-pdf-service.ts";
import { AiRepository } from "./db/ai-repository.ts";
import { createGeminiService } from "./services/gemini/gemini-service.ts";
import { createFalService } from "./services/fal/fal-service.ts";
import { AssetRepository } from "./db/asset-repository.ts";
import { createNotionSync, type NotionSync } from "./jobs/notion-sync.ts";
import { telegramFileSource } from "./bot/telegram-files.ts";
import { NotionPullRepository } from "./db/notion-pull-repository.ts";
import { ReminderRepository } from "./db/reminder-repository.ts";
import { CardRepository } from "./db/card-repository.ts";
import { ReminderService } from "./jobs/reminder-service.ts";
import { createNotionPull, type NotionPull } from "./jobs/notion-pull.ts";
import { createNotionPullSource } from "./services/notion/notion-pull-source.ts";
import { createNotionConnection } from "./services/notion/notion-connection.ts";
import { notionPullReporter } from "./bot/features/notion-pull/messages.ts";
import { ownerNotifier } from "./bot/notify-owners.ts";
import { ownerTimeZone } from "./bot/owner-time-zone.ts";
import type { Services } from "./bot/deps.ts";
import { createBot } from "./bot/create-bot.ts";
import { createI18n, localeKey } from "./bot/i18n.ts";
import { publishCommands } from "./bot/commands.ts";
import { Poller } from "./bot/poller.ts";
import type { BotDeps } from "./bot/deps.ts";
import { createOwnerMessenger, type BotOwnerMessenger } from "./bot/owner-messenger.ts";
import type { Bot } from "grammy";
import type { Context } from "./bot/context.ts";
import { BackgroundJobRepository } from "./db/background-job-repository.ts";
import { createJobRunner } from "./jobs/job-runner.ts";
import { registerBotJobs } from "./bot/background-jobs.ts";
import { redrawSyncScreens } from "./bot/features/projects/sync-refresh.ts";

/** How long a stop waits for running jobs (within main.ts's 9 s deadline); the rest runs again at start. */
const JOBS_STOP_BUDGET_MS = 5_000;

export interface App {
  /** Resolves when polling ends (after stop(), or rejects on a fatal polling error). */
  polling: Promise<void>;
  stop(): Promise<void>;
}

export class StartupError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function openDatabase(config: Config, logger: Logger): Promise<Db> {
  try {
    const probe = await createDb(config.database);
    if (await migrationsUpToDate(probe, config.database.provider)) return probe;
    // The engine needs the database to itself (SQLite's schema changes wait for other connections).
    await probe.$disconnect();
    const { applied } = await applyMigrationsInWorker(config.database.url, (line: string) => logger.info(line));
    if (applied.length) logger.info({ applied }, "migrations applied");
    const db = await createDb(config.database);
    await db.$queryRawUnsafe("SELECT 1");
    return db;
  } catch (error) {
    throw new StartupError(`database unavailable: ${(error as Error).message.split("\n")[0]}`);
  }
}

/** getMe with retries: Telegram (or the network) may be briefly away at boot; a bad token is fatal. */
async function initBot(bot: ReturnType<typeof createBot>, logger: Logger): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await bot.init();
      return;
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 401)
        throw new StartupError("BOT_TOKEN was rejected by Telegram (401 Unauthorized)");
      if (attempt >= 9) throw new StartupError(`Telegram is unreachable: ${(error as Error).message}`);
      logger.warn({ err: error }, "getMe failed; retrying");
      await sleep(Math.min(10_000, 500 * 2 ** attempt));
    }
  }
}

/**
 * One start-up line on which browser prints PDF cards (and its version); warnings when it cannot run or Cyrillic cannot
 * print.
 */
async function reportBrowser(config: Config, logger: Logger): Promise<void> {
  const report = await checkBrowser(config.chromium);
  const line = { browser: report.path, found: report.source, version: report.version ?? null };
  if (report.version) logger.info(line, "PDF browser");
  else
    logger.warn(
      line,
      "PDF browser did not run: PDF cards will fail until PUPPETEER_EXECUTABLE_PATH or the build's browser is fixed",
    );
  if (report.cyrillic === false)
    logger.warn(
      "no font covers Cyrillic: PDF cards will print Russian text as boxes " +
        "(install fonts-dejavu-core or put fonts in fonts/)",
    );
}

type Repos = BotDeps["repos"];

function createRepositories(db: Db, config: Config, logger: Logger): { outbox: NotionOutbox; repos: Repos } {
  const outbox = new NotionOutbox(db, { enabled: Boolean(config.notion) });
  const reminders = new ReminderRepository(db, config.timeZone, logger);
  const repos: Repos = {
    templates: new TemplateRepository(db),
    settings: new SettingsRepository(db),
    projects: new ProjectRepository(db, outbox),
    syncJobs: new SyncJobRepository(db, outbox, async () => (await reminders.settings()).timeZone),
    ai: new AiRepository(db, outbox),
    assets: new AssetRepository(db, outbox),
    notionPages: new NotionPullRepository(db, outbox),
    reminders,
    cards: new CardRepository(db, outbox),
  };
  return { outbox, repos };
}

/**
 * What the bot's handlers reach that is made after the bot: the reminder service sends through the bot's api, and
 * Notion's pull reports through the owner messenger. Filled by startApp before polling starts.
 */
interface MadeAfterTheBot {
  reminders?: ReminderService;
  notionPull?: NotionPull;
}

function createServices(config: Config, logger: Logger, jobs: Services["jobs"], later: MadeAfterTheBot): Services {
  const reminders = () => {
    if (!later.reminders) throw new Error("the reminder service is not started yet");
    return later.reminders;
  };
  return {
    jobs,
    pdf: new LazyPdfService({ chromiumPath: config.chromium.path }, (error) =>
      logger.error({ err: error }, "PDF renderer could not be loaded"),
    ),
    gemini: config.gemini ? createGeminiService(config.gemini) : undefined,
    fal: config.fal
      ? createFalService({
          ...config.fal,
          onStreamEnd: (error) =>
            logger.info({ err: (error as Error | undefined)?.message }, "Fal status stream ended early; polling"),
        })
      : undefined,
    importNotionPage: async (offerId, untitled) =>
      later.notionPull ? later.notionPull.importOffer(offerId, untitled) : { ok: false, reason: "off" },
    reminders: {
      wake: () => reminders().wake(),
      reschedule: () => reminders().reschedule(),
      overview: () => reminders().overview(),
      deadlineSeen: (projectId, deadline) => reminders().deadlineSeen(projectId, deadline),
    },
  };
}

/** Notion's two directions, when configured: the outbox worker (push) and the poller of edits (pull). */
function createNotion(
  config: Config,
  context: { logger: Logger; outbox: NotionOutbox; deps: BotDeps; bot: Bot<Context>; messenger: BotOwnerMessenger },
): { sync?: NotionSync; pull?: NotionPull } {
  if (!config.notion) return {};
  const { logger, outbox, deps, bot, messenger } = context;
  const connection = createNotionConnection(config.notion, {
    logger: logger.child({ component: "notion" }),
    timeoutMs: config.notion.timeoutMs,
  });
  const notify = ownerNotifier(messenger);
  const redraw = {
    api: bot.api,
    deps,
    reader: async (chatId: number) => ({
      t: await messenger.translator(chatId),
      locale: await messenger.locale(chatId),
    }),
  };
  const sync = createNotionSync({
    connection,
    logger,
    jobs: deps.repos.syncJobs,
    // The owner reads a summary in their language; the property named is the only detail it needs.
    onProblem: (problem) =>
      void notify(`sync-notion-problem-${problem.problem}`, {
        property: problem.detail.match(/property (?:named )?"?([^\s:"]+)/)?.[1] ?? "?",
      }),
    files: telegramFileSource(bot.api, config),
    onSettled: (projectId) =>
      void redrawSyncScreens(redraw, projectId).catch((error: unknown) =>
        logger.warn({ err: error, projectId }, "redrawing a synced card failed"),
      ),
  });
  outbox.onQueued(() => sync.kick());
  const pull = createNotionPull({
    source: createNotionPullSource(connection),
    store: deps.repos.notionPages,
    statusValues: config.notion.statusValues,
    intervalMs: config.notion.pollSeconds * 1000,
    logger,
    report: notionPullReporter(messenger),
    timeZone: () => ownerTimeZone(deps),
  });
  return { sync, pull };
}

/** The owners' chosen languages, for the command menus published at start. */
async function ownerLocales(config: Config, settings: SettingsRepository) {
  const chosen = await Promise.all(
    config.ownerIds.map(async (chatId) => ({ chatId, locale: await settings.get(localeKey(chatId)) })),
  );
  return chosen.filter((owner): owner is { chatId: number; locale: string } => owner.locale !== undefined);
}

export async function startApp(config: Config, logger: Logger): Promise<App> {
  const db = await openDatabase(config, logger);
  const { outbox, repos } = createRepositories(db, config, logger);
  const jobs = createJobRunner({ store: new BackgroundJobRepository(db), logger });
  const later: MadeAfterTheBot = {};
  const services = createServices(config, logger, jobs, later);
  const deps: BotDeps = { config, logger, db, repos, services, workspace: createWorkspace() };
  const i18n = createI18n(repos.settings);
  const bot = createBot(deps, { i18n });
  // The one way anything outside an update reaches the owner(s): reminders, Notion problems, Notion edits.
  const messenger = createOwnerMessenger({
    api: bot.api,
    i18n,
    logger,
    ownerIds: config.ownerIds,
    settings: repos.settings,
  });
  const reminderService = new ReminderService({
    messenger,
    logger,
    reminderCron: config.reminderCron,
    ideaDigestCron: config.ideaDigestCron,
    settings: repos.settings,
    reminders: repos.reminders,
    projects: repos.projects,
  });
  later.reminders = reminderService;
  registerBotJobs(jobs, { api: bot.api, deps, translator: messenger.translator });
  const notion = createNotion(config, { logger, outbox, deps, bot, messenger });
  later.notionPull = notion.pull;
  try {
    await initBot(bot, logger);
    await bot.api.deleteWebhook();
  } catch (error) {
    await db.$disconnect();
    throw error;
  }

  await notion.sync?.start();
  notion.pull?.start();
  // Before polling: what the last stop left is queued again before any update can start a job of its own.
  await jobs.start();
  const poller = new Poller(bot, logger);
  const polling = poller.start();
  logger.info({ username: bot.botInfo.username }, "polling started");
  publishCommands(bot.api, i18n, await ownerLocales(config, repos.settings)).catch((error) =>
    logger.warn({ err: error }, "setMyCommands failed"),
  );
  void reportBrowser(config, logger);
  await reminderService.start();

  let stopping: Promise<void> | undefined;
  return {
    polling,
    stop: () =>
      (stopping ??= (async () => {
        await poller.stop();
        await jobs.stop(JOBS_STOP_BUDGET_MS);
        await reminderService.stop();
        await services.pdf.close();
        await notion.pull?.stop();
        await notion.sync?.stop();
        await db.$disconnect();
      })()),
  };
}
