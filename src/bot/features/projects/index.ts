import { Composer } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { runProjectAction } from "./actions.ts";
import { EDIT_PROJECT_FLOW, NEW_IDEA_FLOW, editProjectFlow, newIdeaFlow } from "./flows.ts";
import { DEADLINE_FLOW, deadlineFlow, sendCalendar, showDeadlines } from "./deadline.ts";
import { Buttons } from "../../buttons.ts";
import { onButton } from "../../callback-codec.ts";
import { showList } from "./lists.ts";
import { enterFlow } from "../../flow/enter.ts";
import { NAV } from "../../navigation.ts";
import type { IdeaSteps } from "../../flow/idea-steps.ts";
import type { ProjectStatus } from "../../../domain/project.ts";

const projectsFeature = new Composer<Context>();

/** The projects feature, with the AI's steps for /new (see IdeaSteps). */
export const createProjectsFeature = (ideaSteps: IdeaSteps) =>
  new Composer<Context>(
    createConversation<Context, FlowContext>(newIdeaFlow(ideaSteps), NEW_IDEA_FLOW),
    projectsFeature,
  );

projectsFeature.use(createConversation<Context, FlowContext>(editProjectFlow, EDIT_PROJECT_FLOW));
projectsFeature.use(createConversation<Context, FlowContext>(deadlineFlow, DEADLINE_FLOW));

projectsFeature.command("new", (ctx) => enterFlow(ctx, NEW_IDEA_FLOW));
projectsFeature.callbackQuery(NAV.newIdea, async (ctx) => {
  await ctx.answerCallbackQuery();
  await enterFlow(ctx, NEW_IDEA_FLOW);
});

const lists: Record<string, ProjectStatus> = { ideas: "idea", active: "active", archive: "archived" };
for (const [command, status] of Object.entries(lists))
  projectsFeature.command(command, (ctx) => showList(ctx, status, 0));

projectsFeature.command("due", (ctx) => showDeadlines(ctx));
projectsFeature.command("calendar", (ctx) => sendCalendar(ctx));

onButton(projectsFeature, Buttons.nav, async (ctx, { screen, status }, next) => {
  if (screen === "due") {
    await ctx.answerCallbackQuery();
    return showDeadlines(ctx);
  }
  if (screen !== "list" || status === undefined) return next();
  await ctx.answerCallbackQuery();
  await showList(ctx, status, 0);
});

onButton(projectsFeature, Buttons.list, async (ctx, { status, page }) => {
  await ctx.answerCallbackQuery();
  await showList(ctx, status, page);
});

onButton(projectsFeature, Buttons.project, (ctx, { id, action, arg }) => runProjectAction(ctx, id, action, arg));
