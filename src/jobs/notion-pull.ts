import type { Logger } from "pino";
import type { LinkedProject, NotionPullRepository, PageOffer } from "../db/notion-pull-repository.ts";
import { samePageId } from "../db/notion-pull-repository.ts";
import { describeNotionError } from "../services/notion/notion-errors.ts";
import { descriptionFromBody } from "../services/notion/notion-blocks.ts";
import { normalizeDescription } from "../domain/description.ts";
import type { NotionPullSource, PulledPage } from "../services/notion/notion-pull-source.ts";
import { cutToCodePoints } from "../domain/text-cut.ts";
import type { Deadline } from "../domain/deadline.ts";
import { reconcileDeadline } from "./notion-pull-deadline.ts";
import type { Delivery } from "./owner-messenger.ts";
import { DESCRIPTION_MAX, NAME_MAX, PROJECT_STATUSES, type ProjectStatus } from "../domain/project.ts";

/** One project changed by an edit made in Notion. */
export interface PulledChange {
  projectId: number;
  name: string;
  newName?: string;
  fromStatus?: ProjectStatus;
  toStatus?: ProjectStatus;
  /** The new description ("" when it was cleared in Notion). */
  description?: string;
  /** The deadline set (null: cleared) in Notion. */
  deadline?: Deadline | null;
}

export interface PullReporter {
  changes(changes: PulledChange[]): Promise<void>;
  /** "failed": the owner did not get the offer (the pages are offered again at the next poll). */
  offers(offers: PageOffer[]): Promise<Delivery>;
}

export type ImportResult =
  | { ok: true; projectId: number }
  | { ok: false; reason: "stale" | "linked" | "gone" | "off"; projectId?: number }
  | { ok: false; reason: "notion"; detail: string };

export interface NotionPull {
  start(): void;
  stop(): Promise<void>;
  /** One poll; resolves when it is done (also used by start's timer). */
  pollOnce(): Promise<void>;
  importOffer(offerId: number, untitledName: string): Promise<ImportResult>;
}

const OFFERS_PER_MESSAGE = 8;
/**
 * Notion rounds last_edited_time down to the minute and its query index may lag a little: each poll
 * looks back from where the previous one started. Seeing a page twice is harmless (changes are
 * detected by content), missing one is not.
 */
const LOOKBACK_MS = 2 * 60_000;

export function createNotionPull(options: {
  source: NotionPullSource;
  store: NotionPullRepository;
  statusValues: Record<ProjectStatus, string>;
  intervalMs: number;
  logger: Logger;
  report: PullReporter;
  now?: () => Date;
  /** The owner's zone: a moment in the deadline column is read as their day and time. */
  timeZone?: () => Promise<string>;
}): NotionPull {
  const { source, store, report } = options;
  const logger = options.logger.child({ component: "notion-pull" });
  const now = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let inFlight: Promise<void> = Promise.resolve();

  /** Notion option name → local status; exact match first, then ignoring case and spaces. */
  function statusOf(option: string | null): ProjectStatus | null | "unknown" {
    if (option === null) return null;
    const exact = PROJECT_STATUSES.find((s) => options.statusValues[s] === option);
    if (exact) return exact;
    return (
      PROJECT_STATUSES.find((s) => options.statusValues[s].trim().toLowerCase() === option.trim().toLowerCase()) ??
      "unknown"
    );
  }

  /**
   * Notion's description (the body minus the bot's attachment lines and images), read only for a
   * page that can show an edit: with a baseline, or without one when Notion's edit is newer than our
   * last sync. Undefined when not read; "failed" when the read failed (tried again next poll).
   */
  async function notionDescription(project: LinkedProject, page: PulledPage): Promise<string | undefined | "failed"> {
    if (project.syncedDescription === null && !newerThanSync(project, page)) return undefined;
    try {
      const [lines, attachments] = await Promise.all([source.bodyLines(page.id), store.attachmentLines(project.id)]);
      return descriptionFromBody(lines, attachments);
    } catch (error) {
      logger.warn({ pageId: page.id, error: describeNotionError(error) }, "notion pull: could not read the page body");
      return "failed";
    }
  }

  const newerThanSync = (project: LinkedProject, page: PulledPage) =>
    Date.parse(page.lastEditedTime) > (project.syncedAt ?? project.updatedAt).getTime();

  /** Returns the change applied, null when nothing was, or "retry" when a local edit raced the update. */
  async function reconcile(
    project: LinkedProject,
    page: PulledPage,
    description: string | undefined,
  ): Promise<PulledChange | null | "retry"> {
    const mapped = statusOf(page.statusOption);
    if (mapped === "unknown")
      logger.warn({ pageId: page.id, option: page.statusOption }, "notion pull: unknown status option ignored");
    const pageStatus = mapped === "unknown" ? null : mapped;
    const editedAt = Date.parse(page.lastEditedTime);
    const localDescription = normalizeDescription(project.description);
    // What Notion showed after our last write. Projects synced before the pull existed have no record:
    // then Notion counts as edited only if its edit is newer than our last sync (or local change).
    let base: { name: string; status: ProjectStatus | null; description: string | null };
    if (project.syncedName !== null)
      base = { name: project.syncedName, status: project.syncedStatus, description: project.syncedDescription };
    else if (newerThanSync(project, page)) base = { name: project.name, status: project.status, description: null };
    else {
      if (page.title === project.name && pageStatus === project.status)
        await store.recordBaseline(project.id, { name: page.title, status: pageStatus });
      return null;
    }
    // Without a recorded description, the local one stands in (the read happened only if Notion is newer);
    // an empty body then tells nothing (never written, or cleared?) and is not taken.
    const baseDescription = base.description ?? (description ? localDescription : null);
    const titleEdited = page.title.trim() !== "" && page.title !== base.name;
    const statusEdited = pageStatus !== null && pageStatus !== base.status;
    const descriptionEdited = description !== undefined && baseDescription !== null && description !== baseDescription;
    const notionIsNewer = editedAt > project.updatedAt.getTime();
    const zone = (await options.timeZone?.()) ?? "UTC";
    const deadline = reconcileDeadline(project, page, zone, notionIsNewer);
    if (!titleEdited && !statusEdited && !descriptionEdited && !deadline.edited) {
      if (description !== undefined && project.syncedDescription === null && description === localDescription) {
        await store.recordBaseline(project.id, { name: base.name, status: base.status, description });
      }
      return null;
    }

    // Last writer wins per field; a field changed on both sides goes to the newer edit.
    const takeTitle = titleEdited && page.title !== project.name && (project.name === base.name || notionIsNewer);
    const takeStatus =
      statusEdited && pageStatus !== project.status && (project.status === base.status || notionIsNewer);
    const takeDescription =
      descriptionEdited && description !== localDescription && (localDescription === baseDescription || notionIsNewer);
    const localWins =
      (titleEdited && !takeTitle && page.title !== project.name) ||
      (statusEdited && !takeStatus && pageStatus !== project.status) ||
      (descriptionEdited && !takeDescription && description !== localDescription) ||
      deadline.localWins;
    if (localWins) {
      logger.info(
        { projectId: project.id, pageId: page.id },
        "notion pull: the local change is newer; Notion will be overwritten",
      );
      await store.ensureUpsert(project.id);
    }
    const change = {
      name: takeTitle ? cutToCodePoints(page.title, NAME_MAX) : undefined,
      status: takeStatus ? pageStatus! : undefined,
      description: takeDescription ? cutToCodePoints(description!, DESCRIPTION_MAX) : undefined,
      deadline: deadline.value,
    };
    const notionShows = { name: page.title, status: pageStatus ?? base.status, description, deadline: deadline.shows };
    if (!(await store.applyFromNotion(project, change, notionShows))) return "retry";
    if (!takeTitle && !takeStatus && !takeDescription && !deadline.take) return null;
    logger.info(
      {
        projectId: project.id,
        pageId: page.id,
        name: change.name,
        status: change.status,
        description: takeDescription,
      },
      "notion pull: applied an edit made in Notion",
    );
    return {
      projectId: project.id,
      name: project.name,
      newName: change.name,
      ...(takeStatus ? { fromStatus: project.status, toStatus: pageStatus! } : {}),
      ...(change.description !== undefined ? { description: change.description } : {}),
      ...(change.deadline !== undefined ? { deadline: change.deadline } : {}),
    };
  }

  async function poll(): Promise<void> {
    const startedAt = now();
    const since = await store.watermark();
    const pages = await source.editedSince(since);
    const projects = await store.linkedProjects();
    const changes: PulledChange[] = [];
    let complete = true;
    for (const page of pages) {
      const project = projects.find((p) => samePageId(p.notionPageId, page.id));
      if (!project) {
        await store.rememberUnlinked(page.id, page.title);
        continue;
      }
      const description = await notionDescription(project, page);
      if (description === "failed") complete = false;
      const result = await reconcile(project, page, description === "failed" ? undefined : description);
      if (result === "retry") complete = false;
      else if (result) changes.push(result);
    }
    if (changes.length > 0) await report.changes(changes);
    const offers = await store.takeNewOffers(OFFERS_PER_MESSAGE);
    // An offer counts as made once the owner has it: one that did not reach Telegram is made again next poll.
    if (offers.length > 0 && (await report.offers(offers)) === "failed")
      await store.returnOffers(offers.map((offer) => offer.id));
    if (complete) await store.setWatermark(new Date(startedAt.getTime() - LOOKBACK_MS));
    logger.debug(
      { since, pages: pages.length, changes: changes.length, offers: offers.length },
      "notion pull: poll done",
    );
  }

  function pollOnce(): Promise<void> {
    const run = inFlight.then(poll);
    inFlight = run.catch((error: unknown) =>
      logger.warn({ error: describeNotionError(error) }, "notion pull: poll failed; trying again next time"),
    );
    return run;
  }

  function schedule(): void {
    if (!running) return;
    timer = setTimeout(() => {
      void pollOnce()
        .catch(() => undefined)
        .finally(schedule);
    }, options.intervalMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      void pollOnce()
        .catch(() => undefined)
        .finally(schedule);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
    pollOnce,

    async importOffer(offerId, untitledName) {
      const offer = await store.offer(offerId);
      if (!offer || offer.state !== "offered") return { ok: false, reason: "stale" };
      let page;
      try {
        page = await source.readPage(offer.pageId);
      } catch (error) {
        logger.warn({ offerId, error: describeNotionError(error) }, "notion pull: could not read the page to import");
        return { ok: false, reason: "notion", detail: describeNotionError(error) };
      }
      if (page.inTrash) {
        await store.ignore(offerId);
        return { ok: false, reason: "gone" };
      }
      const mapped = statusOf(page.statusOption);
      let notionStatus = mapped === "unknown" ? null : mapped;
      if (notionStatus !== "idea") {
        try {
          await source.writeStatus(offer.pageId, options.statusValues.idea);
          notionStatus = "idea";
        } catch (error) {
          // The import still happens; the page keeps its column until the next change is synced.
          logger.warn(
            { offerId, error: describeNotionError(error) },
            "notion pull: could not move the imported page to the idea status",
          );
        }
      }
      return store.importPage(offerId, {
        pageId: offer.pageId,
        name: cutToCodePoints(page.title.trim() || untitledName, NAME_MAX),
        description: cutToCodePoints(page.body, DESCRIPTION_MAX),
        notionTitle: page.title,
        notionStatus,
        notionDescription: normalizeDescription(page.body),
      });
    },
  };
}
