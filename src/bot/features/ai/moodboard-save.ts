import { InlineKeyboard, InputFile } from "grammy";
import { Buttons } from "../../buttons.ts";
import { escapeHtml } from "../../html.ts";
import { cutText } from "../../../domain/text-cut.ts";
import { type Job, StatusMessage, integration, reportFault } from "../../job.ts";
import { projectData } from "../../navigation.ts";
import { ownerTimeZone } from "../../owner-time-zone.ts";
import { localDay } from "../../../domain/deadline.ts";
import { numericDeadline } from "../../deadline-words.ts";
import { type MoodboardDraft, aspectLabel, biggestPhoto, mbData, tilesKey } from "./moodboard-job.ts";

/**
 * The project a board is saved to. A board from a photo sent to the chat has none: it becomes a new idea, with the
 * photo as its reference and its caption as name and description. Created once per draft, however often Save is
 * retried (the draft's id is the creation's once-key, and the draft remembers the idea).
 */
async function projectOf(
  job: Job,
  draft: { id: number; data: MoodboardDraft },
): Promise<{ data: MoodboardDraft; projectId: number }> {
  const data = draft.data;
  if (data.projectId !== null) return { data, projectId: data.projectId };
  const caption = data.source.trim();
  const date = numericDeadline({ date: localDay(new Date(), await ownerTimeZone(job.deps)) });
  const project = await job.deps.repos.projects.create(
    {
      name: caption ? cutText(caption.split("\n")[0], 80) : job.t("ai-mb-photo-idea", { date }),
      description: caption,
      reference: data.reference ? { fileId: data.reference.fileId, asDocument: false } : null,
    },
    { onceKey: `mb-photo-idea:${draft.id}` },
  );
  const next = { ...data, projectId: project.id, projectName: project.name };
  await job.deps.repos.ai.updateDraft(draft.id, next);
  return { data: next, projectId: project.id };
}

/** Collage + the four tiles become project assets in one transaction (nothing is saved half-way). */
export async function saveMoodboard(job: Job, draft: { id: number; data: MoodboardDraft }): Promise<void> {
  const status = new StatusMessage(job);
  try {
    await status.show(job.t("ai-progress-saving"), "upload_photo");
    const bytes = await Promise.all(draft.data.tiles.map((tile) => integration(job, "fal").download(tile.url)));
    const { data, projectId } = await projectOf(job, draft);
    // sharp (~9 MB resident) loads with the first collage, not at boot.
    const { makeCollage } = await import("../../../services/fal/collage.ts");
    const collage = await makeCollage(bytes);
    const keyboard = new InlineKeyboard()
      .text(job.t("ai-btn-moodboards"), Buttons.ai.pack({ projectId, action: "moodboards" }))
      .text(job.t("ai-btn-mb-open-card"), projectData(projectId, "open"));
    const photo = await job.api.sendPhoto(job.chatId, new InputFile(collage, "moodboard.jpg"), {
      caption: job.t(draft.data.projectId === null ? "ai-mb-saved-idea" : "ai-mb-saved", {
        name: escapeHtml(data.projectName),
      }),
      reply_markup: keyboard,
    });
    const saved = await job.deps.repos.ai.saveMoodboard(projectId, {
      collageFileId: biggestPhoto(photo),
      tiles: data.tiles,
      prompt: data.prompt ?? "",
      seed: data.seed,
      model: data.madeWith?.model ?? integration(job, "fal").model,
      aspect: data.aspect,
      source: data.madeWith?.source ?? "words",
      notionCaption: (id) =>
        job.t("ai-mb-notion-caption", { id: String(id), seed: String(data.seed), aspect: aspectLabel(data.aspect) }),
    });
    if (saved === null) {
      await job.api.deleteMessage(job.chatId, photo.message_id).catch(() => undefined);
      return void (await status.finish(job.t("project-missing")));
    }
    const current = await job.deps.repos.ai.getDraft<MoodboardDraft>(draft.id, "moodboard");
    if (current) await job.deps.repos.ai.updateDraft(draft.id, { ...current.data, savedTiles: tilesKey(data.tiles) });
    await status.remove();
  } catch (error) {
    await reportFault(job, status, error, mbData(draft.id, "save"));
  }
}
