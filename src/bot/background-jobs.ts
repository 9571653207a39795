import type { Api } from "grammy";
import type { JobRunner } from "../jobs/job-runner.ts";
import type { BackgroundJobRow } from "../db/background-job-repository.ts";
import type { BotDeps } from "./deps.ts";
import type { Translate } from "./i18n.ts";
import { INTERRUPTED_AI_JOB, type Job, type TrackedAiWork, reportInterrupted } from "./job.ts";
import { CARD_MAKE, makeCard } from "./features/generator/card-jobs.ts";
import { CARD_DELIVER, deliverCard } from "./features/generator/card-delivery.ts";
import { EXPORT_JOB } from "./features/export/index.ts";
import { NOTION_IMPORT_JOB, importNotionPageJob } from "./features/notion-pull/import-job.ts";
import { VOICE_DESCRIPTION_JOB, transcribeDescriptionJob } from "./features/ai/new-idea-steps.ts";
import { exportJob } from "./features/export/export-job.ts";
import {
  TEMPLATE_CHECK,
  TEMPLATE_PREVIEW,
  checkTemplateJob,
  previewTemplateJob,
} from "./features/templates/template-jobs.ts";

/**
 * Every kind of long work the bot presents: the runner runs the row, the handler speaks to the owner's chat in the
 * owner's language. Registered once at start, before the runner picks up what the last stop left.
 */
export function registerBotJobs(
  runner: JobRunner,
  options: { api: Api; deps: BotDeps; translator: (chatId: number) => Promise<Translate> },
): void {
  const { api, deps } = options;
  type Work<I> = (job: Job, row: BackgroundJobRow<I>, publish: (result: unknown) => Promise<void>) => Promise<unknown>;
  const register = <I>(kind: string, work: Work<I>) =>
    runner.handle(kind, async (row, publish) => {
      const job: Job = {
        api,
        t: await options.translator(row.chatId),
        chatId: row.chatId,
        deps,
        log: deps.logger.child({ jobId: row.id, kind }),
      };
      return work(job, row as BackgroundJobRow<I>, publish);
    });
  register<TrackedAiWork>(INTERRUPTED_AI_JOB, (job, row) => reportInterrupted(job, row.input));
  register(CARD_MAKE, makeCard);
  register(CARD_DELIVER, deliverCard);
  register(EXPORT_JOB, exportJob);
  register(NOTION_IMPORT_JOB, importNotionPageJob);
  register(VOICE_DESCRIPTION_JOB, transcribeDescriptionJob);
  register(TEMPLATE_CHECK, checkTemplateJob);
  register(TEMPLATE_PREVIEW, previewTemplateJob);
}
