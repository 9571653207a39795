import { type InlineKeyboard, InputFile } from "grammy";
import type { Message } from "grammy/types";
import type { Flow } from "./context.ts";
import type { Workspace } from "./workspace.ts";

type Staged = { bytes: Uint8Array; filename: string } | undefined;
type Options = { caption?: string; parse_mode?: "HTML"; reply_markup?: InlineKeyboard };

/**
 * Sends a file a flow staged in the workspace (a preview PNG, a card's PDF). The bytes are read and sent inside
 * `conversation.external`: a replay neither reads the workspace nor keeps the bytes, it gets the stored Message.
 * Null when the bytes are gone (a restart since they were staged).
 */
export function sendStaged(
  conversation: Flow,
  kind: "photo" | "document",
  pick: (workspace: Workspace) => Staged,
  options: Options = {},
): Promise<Message | null> {
  return conversation.external(async (outer) => {
    const staged = pick(outer.deps.workspace);
    if (!staged) return null;
    const file = new InputFile(staged.bytes, staged.filename);
    return kind === "photo" ? outer.replyWithPhoto(file, options) : outer.replyWithDocument(file, options);
  });
}
