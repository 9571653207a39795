import type { BotOwnerMessenger } from "./owner-messenger.ts";
import { escapeHtml } from "./html.ts";

/** A one-line notice (a text key and its values, escaped) to every owner in their language; never throws. */
export function ownerNotifier(messenger: BotOwnerMessenger) {
  return async (key: string, variables: Record<string, string | number> = {}): Promise<void> => {
    const safe = Object.fromEntries(
      Object.entries(variables).map(([k, v]) => [k, typeof v === "string" ? escapeHtml(v) : v]),
    );
    await messenger.send((t) => ({ text: t(key, safe) }));
  };
}
