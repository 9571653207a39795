import { Composer } from "grammy";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { NAV } from "../menu/keyboards.ts";
import { runProjectAction } from "./actions.ts";
import { EDIT_PROJECT_FLOW, NEW_IDEA_FLOW, editProjectFlow, newIdeaFlow } from "./flows.ts";
import { LIST_DATA, PROJECT_DATA } from "./keyboards.ts";
import { showList } from "./lists.ts";
import type { ProjectStatus } from "../../../db/project-repository.ts";
import { enterFlow } from "../enter-flow.ts";

export const projectsFeature = new Composer<Context>();

projectsFeature.use(createConversation<Context, FlowContext>(newIdeaFlow, NEW_IDEA_FLOW));
projectsFeature.use(createConversation<Context, FlowContext>(editProjectFlow, EDIT_PROJECT_FLOW));

projectsFeature.command("new", (ctx) => enterFlow(ctx, NEW_IDEA_FLOW));
projectsFeature.callbackQuery(NAV.newIdea, async (ctx) => {
  await ctx.answerCallbackQuery();
  await enterFlow(ctx, NEW_IDEA_FLOW);
});

const lists: Record<string, ProjectStatus> = { ideas: "idea", active: "active", archive: "archived" };
for (const [command, status] of Object.entries(lists))
  projectsFeature.command(command, (ctx) => showList(ctx, status, 0));

projectsFeature.callbackQuery([NAV.ideas, NAV.active, NAV.archive], async (ctx) => {
  await ctx.answerCallbackQuery();
  await showList(ctx, ctx.callbackQuery.data.split(":")[2] as ProjectStatus, 0);
});

projectsFeature.callbackQuery(LIST_DATA, async (ctx) => {
  await ctx.answerCallbackQuery();
  await showList(ctx, ctx.match[1] as ProjectStatus, Number(ctx.match[2]));
});

projectsFeature.callbackQuery(PROJECT_DATA, (ctx) =>
  runProjectAction(ctx, Number(ctx.match[1]), ctx.match[2], ctx.match[3]),
);
