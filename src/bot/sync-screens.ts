import type { Context, MiddlewareFn } from "grammy";
import type { PlacedScreen } from "./screen.ts";

/**
 * A message drawn while its project's Notion page was still being written: a card, or the confirmation of a new
 * idea. The sync worker redraws it once the page is written (or the write failed) — no tap waits for Notion.
 */
export type SyncScreen =
  { kind: "card"; placed: PlacedScreen; status: string } | { kind: "saved"; placed: PlacedScreen };

/** A project rarely has more than one such message; a few are kept, the oldest dropped. */
const SCREENS_PER_PROJECT = 3;

/** Messages waiting for a project's sync to end, by project id (in memory: after a restart the card says "pending"). */
export class SyncScreens {
  private readonly byProject = new Map<number, SyncScreen[]>();

  watch(projectId: number, screen: SyncScreen): void {
    const others = (this.byProject.get(projectId) ?? []).filter((known) => !sameMessage(known, screen.placed));
    this.byProject.set(projectId, [...others, screen].slice(-SCREENS_PER_PROJECT));
  }

  /** The screens of a project, handed over once: a second sync of the same project finds none. */
  take(projectId: number): SyncScreen[] {
    const screens = this.byProject.get(projectId) ?? [];
    this.byProject.delete(projectId);
    return screens;
  }

  /** A tap on a message shows something else there: it must not be redrawn back into a card. */
  forget(chatId: number, messageId: number): void {
    for (const [projectId, screens] of this.byProject) {
      const left = screens.filter((screen) => !sameMessage(screen, { chatId, messageId }));
      if (left.length) this.byProject.set(projectId, left);
      else this.byProject.delete(projectId);
    }
  }

  /** Middleware: forgets the message every button tap is made on. */
  forgetOnTap(): MiddlewareFn<Context> {
    return (ctx, next) => {
      const message = ctx.callbackQuery?.message;
      if (message) this.forget(message.chat.id, message.message_id);
      return next();
    };
  }
}

const sameMessage = (screen: SyncScreen, placed: { chatId: number; messageId: number }) =>
  screen.placed.chatId === placed.chatId && screen.placed.messageId === placed.messageId;
