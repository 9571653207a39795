import { Bot } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { installApiTransformers } from "./api-transformers.ts";
import type { I18n } from "@grammyjs/i18n";
import type { Context as BaseContext } from "grammy";
import type { Context } from "./context.ts";
import type { BotDeps } from "./deps.ts";
import { createI18n } from "./i18n.ts";
import { ownerGate } from "./middlewares/owner-gate.ts";
import { updateContext } from "./middlewares/update-context.ts";
import { answerEveryCallback } from "./middlewares/callback-answer.ts";
import { handleUpdateError } from "./error-handler.ts";
import { CallbackAnswers } from "./callback-answers.ts";
import { settledRefusalsFetch } from "./settled-refusals.ts";
import { flowsRuntime } from "./features/flows.ts";
import { menuFeature } from "./features/menu/index.ts";
import { settingsFeature } from "./features/settings/index.ts";
import { createProjectsFeature } from "./features/projects/index.ts";
import { aiIdeaSteps } from "./features/ai/new-idea-steps.ts";
import { syncFeature } from "./features/sync/index.ts";
import { templatesFeature } from "./features/templates/index.ts";
import { aiFeature } from "./features/ai/index.ts";
import { findFeature } from "./features/find/index.ts";
import { attachFeature } from "./features/attach/index.ts";
import { exportFeature } from "./features/export/index.ts";
import { notionPullFeature } from "./features/notion-pull/index.ts";
import { remindersFeature } from "./features/reminders/index.ts";
import { generatorFeature } from "./features/generator/index.ts";
import { fallbackFeature } from "./features/common/index.ts";

export interface CreateBotOptions {
  /** Skips getMe at start-up (tests, benchmarks). */
  botInfo?: UserFromGetMe;
  i18n?: I18n<BaseContext>;
}

export function createBot(deps: BotDeps, options: CreateBotOptions = {}): Bot<Context> {
  const { config } = deps;
  const bot = new Bot<Context>(config.botToken, {
    botInfo: options.botInfo,
    client: { apiRoot: config.telegramApiRoot, fetch: settledRefusalsFetch(deps.logger) as never },
  });
  const answers = new CallbackAnswers(deps.logger);
  installApiTransformers(bot.api, { answers, logger: deps.logger });

  bot.use(ownerGate(config.ownerIds));
  bot.use(updateContext(deps));
  bot.use(answerEveryCallback(answers));
  // A tap shows something else on its message: a card waiting for its Notion sync there is no longer redrawn.
  bot.use(deps.workspace.syncScreens.forgetOnTap());

  const i18n = options.i18n ?? createI18n(deps.repos.settings);
  const app = bot.errorBoundary(handleUpdateError(answers));
  app.use(i18n.middleware());
  app.use(flowsRuntime(deps.db, i18n, answers));
  app.use(menuFeature, settingsFeature, createProjectsFeature(aiIdeaSteps), syncFeature);
  app.use(templatesFeature);
  app.use(generatorFeature);
  app.use(findFeature, exportFeature, attachFeature);
  app.use(notionPullFeature);
  app.use(aiFeature);
  app.use(remindersFeature);
  app.use(fallbackFeature);

  bot.catch((error) => deps.logger.error({ err: error.error }, "unhandled update error"));
  return bot;
}
