import { Composer } from "grammy";
import type { Context } from "../../context.ts";
import { showScreen } from "../../screen.ts";
import { automationsMenuKeyboard, mainMenuKeyboard, projectsMenuKeyboard } from "./keyboards.ts";
import { NAV } from "../../navigation.ts";

export const menuFeature = new Composer<Context>();

export const showMainMenu = (ctx: Context) => showScreen(ctx, ctx.t("menu-main-menu"), mainMenuKeyboard(ctx.t));

menuFeature.command("start", showMainMenu);

menuFeature.command("help", async (ctx) => {
  const { config } = ctx.deps;
  const state = (on: unknown) => ctx.t(on ? "menu-integration-on" : "menu-integration-off");
  const integrations = `Notion ${state(config.notion)}, Gemini ${state(config.gemini)}, Fal ${state(config.fal)}`;
  await ctx.reply(ctx.t("menu-help", { integrations }));
});

menuFeature.callbackQuery(NAV.main, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showMainMenu(ctx);
});

menuFeature.callbackQuery(NAV.projects, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showScreen(ctx, ctx.t("menu-projects-menu"), projectsMenuKeyboard(ctx.t));
});

menuFeature.callbackQuery(NAV.automations, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showScreen(ctx, ctx.t("menu-automations-menu"), automationsMenuKeyboard(ctx.t));
});
