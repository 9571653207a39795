import { Composer } from "grammy";
import { Buttons } from "../../buttons.ts";
import { onButton } from "../../callback-codec.ts";
import { createConversation } from "@grammyjs/conversations";
import type { Context, FlowContext } from "../../context.ts";
import { GENERATOR_FLOW, generatorFlow } from "./flow.ts";
import { enterFlow } from "../../flow/enter.ts";
import type { CardDeliverResult } from "./card-jobs.ts";
import { CARD_DELIVER } from "./card-delivery.ts";
import { NAV } from "../../navigation.ts";

export const generatorFeature = new Composer<Context>();

// While the owner sends renders and text, keep Chromium starting/running: the render they wait for is then warm.
generatorFeature.use(async (ctx, next) => {
  if (ctx.conversation.active(GENERATOR_FLOW) > 0) ctx.deps.services.pdf.warm();
  await next();
});

generatorFeature.use(createConversation<Context, FlowContext>(generatorFlow, GENERATOR_FLOW));

async function start(ctx: Context, projectId?: number) {
  ctx.deps.services.pdf.warm();
  // The draft's texts are asked of Gemini the moment it arrives: its SDK is loaded while the owner picks and uploads.
  ctx.deps.services.gemini?.warm();
  await ctx.conversation.exitAll();
  await enterFlow(ctx, GENERATOR_FLOW, projectId);
}

generatorFeature.command("generate", (ctx) => start(ctx));
generatorFeature.callbackQuery(NAV.generator, async (ctx) => {
  await ctx.answerCallbackQuery();
  await start(ctx);
});
// A delivery that Telegram refused: the same job again (it saves the card once, whatever the taps).
onButton(generatorFeature, Buttons.generator, async (ctx, { step, arg }, next) => {
  const jobId = Number(arg);
  if (step !== "resend" || !Number.isSafeInteger(jobId)) return next();
  const job = await ctx.deps.services.jobs.get(jobId);
  const failed = job?.kind === CARD_DELIVER && (job.result as CardDeliverResult | null)?.outcome === "failed";
  const again = failed && (await ctx.deps.services.jobs.retry(jobId));
  const busy = job?.state === "done" ? "gen-already-sent" : "gen-still-working";
  await ctx.answerCallbackQuery(again ? undefined : { text: ctx.t(busy) });
});
// An archived project's card: straight to the template choice for that project.
onButton(generatorFeature, Buttons.generator, async (ctx, { step, arg }, next) => {
  const projectId = Number(arg);
  if (step !== "fromCard" || !Number.isSafeInteger(projectId)) return next();
  await ctx.answerCallbackQuery();
  await start(ctx, projectId);
});
