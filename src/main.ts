import dotenv from "dotenv";
import { ConfigError, describeIntegrations, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { StartupError, startApp, type App } from "./app.ts";

const SHUTDOWN_DEADLINE_MS = 9_000;

async function main(): Promise<void> {
  dotenv.config({ path: process.env.DOTENV_CONFIG_PATH, quiet: true });
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) console.error(`config error: ${problem}`);
    process.exit(1);
  }
  const logger = createLogger({ level: config.logLevel, secrets: config.secrets });
  logger.info(describeIntegrations(config));

  let app: App | undefined;
  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) {
      logger.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    shuttingDown = true;
    logger.info({ signal }, "shutting down");
    setTimeout(() => {
      logger.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    (app?.stop() ?? Promise.resolve()).then(
      () => {
        logger.info("stopped");
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  try {
    app = await startApp(config, logger);
  } catch (error) {
    if (error instanceof StartupError) {
      logger.fatal(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (shuttingDown) return void app.stop();
  await app.polling.catch((error) => {
    logger.fatal({ err: error }, "polling stopped");
    process.exit(1);
  });
}

main().catch((error) => {
  console.error(`fatal: ${(error as Error).message}`);
  process.exit(1);
});
