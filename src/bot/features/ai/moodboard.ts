import { Buttons } from "../../buttons.ts";
import type { ButtonOf } from "../../callback-codec.ts";
import type { Context } from "../../context.ts";
import { escapeHtml } from "../../html.ts";
import { showScreen } from "../../screen.ts";
import { ASPECTS, type Aspect } from "../../../services/fal/fal-service.ts";
import { type Job, StatusMessage, hasWords, jobFrom, runInBackground } from "../../job.ts";
import {
  type MoodboardDraft,
  type MoodboardRequest,
  generateMoodboard,
  newBoardDraft,
  requestData,
  tilesKey,
  varyOf,
} from "./moodboard-job.ts";
import { saveMoodboard } from "./moodboard-save.ts";
import { UPSCALE_KEY, sendOriginals, upscaleSent, upscaleTile } from "./moodboard-files.ts";
import { PHOTO_OFFER } from "./photo-moodboard.ts";
import { enterFlow } from "../../flow/enter.ts";
import { MB_REMIX_FLOW } from "./remix-flow.ts";

/**
 * Starts a moodboard for a project in the background (card button, or the end
 * of /new). Returns false when the project has no words to make a prompt of.
 */
/** A project's new board is being made: a second tap meanwhile (a double tap) starts no second one. */
const newBoardKey = (projectId: number) => `mbnew:${projectId}`;

/** What a new board starts from: the description, the reference picture and the description, the picture alone. */
export type BoardMode = "words" | "both" | "photo";

/** A new moodboard for a project: once at a time per project, however often it is asked for. */
export async function startMoodboard(
  job: Job,
  projectId: number,
  mode: BoardMode = "words",
): Promise<"started" | "missing" | "no-words" | "busy"> {
  const { busy } = job.deps.workspace;
  const key = newBoardKey(projectId);
  if (!busy.claim(key)) return "busy";
  let started = false;
  try {
    const outcome = await startClaimed(job, projectId, mode, () => busy.release(key));
    started = outcome === "started";
    return outcome;
  } finally {
    if (!started) busy.release(key);
  }
}

async function startClaimed(
  job: Job,
  projectId: number,
  mode: BoardMode,
  done: () => void,
): Promise<"started" | "missing" | "no-words"> {
  const project = await job.deps.repos.projects.get(projectId);
  if (!project) return "missing";
  // The reference's button can outlive the reference (it was replaced or removed): then the words alone.
  const reference = mode !== "words" && project.reference ? { fileId: project.reference.fileId } : undefined;
  const words = hasWords(project.description) ? project.description : hasWords(project.name) ? project.name : null;
  const source = reference && mode === "photo" ? "" : words;
  if (source === null) {
    await job.api.sendMessage(job.chatId, job.t("ai-mb-need-words", { name: escapeHtml(project.name) }));
    return "no-words";
  }
  const draft = await job.deps.repos.ai.createDraft<MoodboardDraft>(
    "moodboard",
    projectId,
    newBoardDraft({ projectId, projectName: project.name, source, reference }),
  );
  // The status message is on its way while the generation starts (its edits queue behind it);
  // returning once it is there keeps it above whatever the caller sends next.
  const status = new StatusMessage(job);
  const shown = status.show(job.t("ai-progress-translating"), "upload_photo");
  const retry = Buttons.moodboard.pack({ draftId: draft.id, action: "all" });
  runInBackground(job, "moodboard", retry, () =>
    generateMoodboard(job, draft.id, { kind: "all" }, status).finally(done),
  );
  await shown;
  return "started";
}

/**
 * `ai:<project>:mb` — a new moodboard from the description; `mbr` — from the reference picture and the description;
 * `mbp` — from the picture alone.
 */
export async function onNewMoodboard(ctx: Context, projectId: number, mode: BoardMode = "words"): Promise<void> {
  if (!ctx.deps.services.fal)
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-fal-off"), show_alert: true }));
  if (ctx.deps.workspace.busy.has(newBoardKey(projectId)))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-busy") }));
  // Answering the tap is not on the way to Fal's submit.
  const [, started] = await Promise.all([ctx.answerCallbackQuery(), startMoodboard(jobFrom(ctx), projectId, mode)]);
  if (started === "missing") await showScreen(ctx, ctx.t("project-missing"));
}

/** `mb:<draft>:<action>[:<arg>]` — the steering buttons under an album (and their Retry). */
export async function onSteering(
  ctx: Context,
  draftId: number,
  action: ButtonOf<typeof Buttons.moodboard>["action"],
  arg: string | undefined,
): Promise<void> {
  if (!ctx.deps.services.fal)
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-fal-off"), show_alert: true }));
  if (action === "stop") {
    const stopped = ctx.deps.workspace.stoppable.stop(arg === "up" ? UPSCALE_KEY : `mb:${draftId}`);
    return void (await ctx.answerCallbackQuery({ text: ctx.t(stopped ? "ai-stopping" : "ai-stop-nothing") }));
  }
  const draft = await ctx.deps.repos.ai.getDraft<MoodboardDraft>(draftId, "moodboard");
  if (!draft) return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-stale"), show_alert: true }));
  if (ctx.deps.workspace.busy.has(`mb:${draftId}`))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-busy") }));
  if (action === "remix") {
    await ctx.answerCallbackQuery();
    return enterFlow(ctx, MB_REMIX_FLOW, draftId);
  }
  if (action === "save" && ctx.deps.workspace.busy.has(`mbsave:${draftId}`))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-saving") }));
  if (action === "originals" && ctx.deps.workspace.busy.has(`mborig:${draftId}`))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-sending-originals") }));
  if (action === "originals" && draft.data.originalsSent === tilesKey(draft.data.tiles))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-originals-sent") }));
  if (action === "upscale") return onUpscale(ctx, draft, Number(arg) - 1);
  if (action === "all" && arg === PHOTO_OFFER && draft.data.tiles.length > 0)
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-photo-made") }));
  if (action === "save" && draft.data.savedTiles === tilesKey(draft.data.tiles))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-already-saved") }));
  const job = jobFrom(ctx);
  const ready = draft.data.tiles.length === 4;
  // A Retry button lives on the failed status message: reuse it for the new progress.
  const retrying = ctx.callbackQuery?.message && ctx.callbackQuery.message.message_id !== draft.data.steeringMessageId;
  const status = new StatusMessage(job, retrying ? ctx.callbackQuery?.message?.message_id : undefined);
  const request = action === "all" || !ready ? { kind: "all" as const } : steeringRequest(action, arg);
  // A generation starts before the tap is answered: that answer is not on the way to Fal's submit.
  if (request)
    runInBackground(job, `moodboard-${request.kind}`, requestData(draftId, request), () =>
      generateMoodboard(job, draftId, request, status),
    );
  await ctx.answerCallbackQuery();
  if (request || action === "tile" || action === "vary" || action === "aspect") return;
  if (retrying) await status.remove();
  const again = Buttons.moodboard.pack({ draftId, action });
  if (action === "originals") return startOriginals(job, draft, again);
  if (action === "save") return startSave(job, draft, again);
}

/**
 * ⬆️ One tile upscaled and sent as a file, once per tile as it is now; one at a time (UPSCALE_KEY).
 */
async function onUpscale(ctx: Context, draft: { id: number; data: MoodboardDraft }, index: number): Promise<void> {
  if (draft.data.tiles[index] === undefined || draft.data.tiles.length !== 4)
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-stale"), show_alert: true }));
  if (upscaleSent(draft.data, index))
    return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-upscaled-sent", { n: index + 1 }) }));
  const { busy } = ctx.deps.workspace;
  if (!busy.claim(UPSCALE_KEY)) return void (await ctx.answerCallbackQuery({ text: ctx.t("ai-mb-upscaling") }));
  const job = jobFrom(ctx);
  const again = Buttons.moodboard.pack({ draftId: draft.id, action: "upscale", arg: String(index + 1) });
  runInBackground(job, "moodboard-upscale", again, () =>
    upscaleTile(job, draft, index).finally(() => busy.release(UPSCALE_KEY)),
  );
  await ctx.answerCallbackQuery();
}

/**
 * Save runs once per set of tiles, however often it is tapped: a second tap while it saves, or on tiles already saved,
 * changes nothing (the tap is answered with why, see onSteering).
 */
function startSave(job: Job, draft: { id: number; data: MoodboardDraft }, again: string): void {
  const key = `mbsave:${draft.id}`;
  if (!job.deps.workspace.busy.claim(key)) return;
  runInBackground(job, "moodboard-save", again, () =>
    saveMoodboard(job, draft).finally(() => job.deps.workspace.busy.release(key)),
  );
}

/** The originals, sent once per tap that finds none on their way (a double tap sends one set). */
function startOriginals(job: Job, draft: { id: number; data: MoodboardDraft }, again: string): void {
  const key = `mborig:${draft.id}`;
  if (!job.deps.workspace.busy.claim(key)) return;
  runInBackground(job, "moodboard-originals", again, () =>
    sendOriginals(job, draft).finally(() => job.deps.workspace.busy.release(key)),
  );
}

/** The re-roll a steering button asks for (`t:<1–4>`, `ar:<aspect>`), if its argument is valid. */
function steeringRequest(
  action: ButtonOf<typeof Buttons.moodboard>["action"],
  arg: string | undefined,
): MoodboardRequest | undefined {
  if (action === "tile") {
    const index = Number(arg) - 1;
    return index >= 0 && index < 4 ? { kind: "tile", index } : undefined;
  }
  const vary = action === "vary" ? varyOf(arg) : undefined;
  if (vary) return { kind: "vary", ...vary };
  if (action === "aspect" && (ASPECTS as readonly string[]).includes(arg ?? ""))
    return { kind: "aspect", aspect: arg as Aspect };
  return undefined;
}
