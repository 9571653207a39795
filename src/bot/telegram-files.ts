import type { Api } from "grammy";

/** Bots may download files of at most 20 MB (getFile refuses bigger ones: "file is too big"). */
export const BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024;

/** A file Telegram will not let the bot download: said at once, never a Retry that cannot work. */
export const tooBigToDownload = (file: { file_size?: number }) => (file.file_size ?? 0) > BOT_DOWNLOAD_LIMIT;

type FileEndpoint = { botToken: string; telegramApiRoot?: string };

/** Downloads a file from the Bot API file endpoint by the path `getFile` gave for it. */
export async function downloadTelegramPath(config: FileEndpoint, path: string, timeoutMs = 60_000): Promise<Buffer> {
  const root = config.telegramApiRoot ?? "https://api.telegram.org";
  const response = await fetch(`${root}/file/bot${config.botToken}/${path}`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`file download failed: HTTP ${response.status}`);
  return Buffer.from(await response.arrayBuffer());
}

/** Downloads a file by its Telegram file id (getFile, then the file endpoint). */
export function telegramFileSource(api: Api, config: FileEndpoint, timeoutMs = 30_000) {
  return async (fileId: string): Promise<Buffer> => {
    const file = await api.getFile(fileId);
    if (!file.file_path) throw new Error("Telegram gave no file path");
    return downloadTelegramPath(config, file.file_path, timeoutMs);
  };
}
