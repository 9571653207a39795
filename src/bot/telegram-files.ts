import type { Api } from "grammy";

/** Downloads a file by its Telegram file id (getFile, then the Bot API file endpoint). */
export function telegramFileSource(
  api: Api,
  config: { botToken: string; telegramApiRoot?: string },
  timeoutMs = 30_000,
) {
  return async (fileId: string): Promise<Buffer> => {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error("Telegram gave no file path");
    const root = config.telegramApiRoot ?? "https://api.telegram.org";
    const response = await fetch(`${root}/file/bot${config.botToken}/${file.file_path}`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  };
}
