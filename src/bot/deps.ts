import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { SettingsRepository } from "../db/settings-repository.ts";
import type { Logger } from "../logger.ts";

export interface Repositories {
  settings: SettingsRepository;
}

export interface BotDeps {
  config: Config;
  logger: Logger;
  db: Db;
  repos: Repositories;
}
