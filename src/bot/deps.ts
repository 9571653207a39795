import type { Deadline } from "../domain/deadline.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { ProjectRepository } from "../db/project-repository.ts";
import type { AssetRepository } from "../db/asset-repository.ts";
import type { SettingsRepository } from "../db/settings-repository.ts";
import type { SyncJobRepository } from "../db/sync-job-repository.ts";
import type { NotionPullRepository } from "../db/notion-pull-repository.ts";
import type { ImportResult } from "../jobs/notion-pull.ts";
import type { Logger } from "../logger.ts";
import type { TemplateRepository } from "../db/template-repository.ts";
import type { PdfRenderer } from "../services/pdf/lazy-pdf-service.ts";
import type { AiRepository } from "../db/ai-repository.ts";
import type { GeminiService } from "../services/gemini/gemini-service.ts";
import type { FalService } from "../services/fal/fal-service.ts";
import type { ReminderRepository } from "../db/reminder-repository.ts";
import type { CardRepository } from "../db/card-repository.ts";
import type { ReminderOverview } from "../jobs/reminder-service.ts";
import type { Workspace } from "./workspace.ts";
import type { JobRunner } from "../jobs/job-runner.ts";

export interface Repositories {
  settings: SettingsRepository;
  projects: ProjectRepository;
  syncJobs: SyncJobRepository;
  templates: TemplateRepository;
  ai: AiRepository;
  notionPages: NotionPullRepository;
  assets: AssetRepository;
  reminders: ReminderRepository;
  cards: CardRepository;
}

/** Background services the bot talks to (each works, or explains itself, without its keys). */
export interface Services {
  /** Long work off the update path: a flow enqueues a job and reads its result when the owner taps its buttons. */
  jobs: Pick<JobRunner, "enqueue" | "get" | "retry" | "track" | "untrack">;
  /** Template sandbox + Chromium: PDF cards and previews. */
  pdf: PdfRenderer;
  /** Texts, translation, transcription; undefined without LLM_API_KEY. */
  gemini?: GeminiService;
  /** Moodboard images; undefined without FAL_API_KEY. */
  fal?: FalService;
  /** Imports a Notion page offered by the pull as an idea linked to it. */
  importNotionPage(offerId: number, untitledName: string): Promise<ImportResult>;
  /** Reminders: re-check now (after a snooze), re-read the digest schedule, list what is coming. */
  reminders: {
    wake(): void;
    reschedule(): Promise<void>;
    overview(): Promise<ReminderOverview>;
    /** A deadline just set: today's word of its countdown would only repeat what the owner saw. */
    deadlineSeen(projectId: number, deadline: Deadline): Promise<void>;
  };
}

export interface BotDeps {
  config: Config;
  logger: Logger;
  db: Db;
  repos: Repositories;
  services: Services;
  /** Work in progress kept in memory (staged cards and templates, download cache, running generations). */
  workspace: Workspace;
}
