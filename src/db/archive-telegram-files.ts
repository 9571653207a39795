import type { Db } from "./client.ts";
import { fitFileName } from "../domain/text-cut.ts";
import { readJsonObject } from "../domain/stored-values.ts";

/** Telegram keeps the files; an export carries copies so the owner has them even without the bot. */
export interface TelegramFileCopies {
  download(fileId: string): Promise<Uint8Array>;
  /** Stop adding files past this many bytes (Telegram takes uploads up to 50 MB; the rest is listed, not copied). */
  budgetBytes: number;
}

const EXTENSION: Record<string, string> = {
  final_render: "jpg",
  image_reference: "jpg",
  moodboard: "jpg",
  moodboard_image: "jpg",
  pdf: "pdf",
  generated_pdf: "pdf",
};

/** Copies of the files behind the projects' assets, under `telegram/<project>/`; a manifest says what is where. */
export async function copyTelegramFiles(db: Db, copies: TelegramFileCopies) {
  const assets = await db.projectAsset.findMany({ where: { telegramFileId: { not: null } }, orderBy: { id: "asc" } });
  const files: Record<string, Uint8Array> = {};
  const manifest: { assetId: number; projectId: number; kind: string; file?: string; skipped?: string }[] = [];
  let total = 0;
  for (const asset of assets) {
    const fileId = asset.telegramFileId;
    if (!fileId) continue; // the query asked for assets with a file; the type does not know
    // A meta that does not read (a hand edit) only costs the file its own name.
    const meta = (readJsonObject(asset.meta ?? "{}") ?? {}) as { fileName?: string };
    const name =
      (typeof meta.fileName === "string" ? meta.fileName : undefined)?.replace(/[^\p{L}\p{N}._-]+/gu, "_") ??
      `${asset.kind}.${EXTENSION[asset.kind] ?? "bin"}`;
    const entry = { assetId: asset.id, projectId: asset.projectId, kind: asset.kind };
    if (total >= copies.budgetBytes) {
      manifest.push({ ...entry, skipped: "size budget reached" });
      continue;
    }
    try {
      const bytes = await copies.download(fileId);
      if (total + bytes.length > copies.budgetBytes) {
        manifest.push({ ...entry, skipped: "size budget reached" });
        continue;
      }
      // One path segment within 255 bytes: an archive whose names Linux cannot extract is no backup.
      const path = `telegram/${asset.projectId}/${fitFileName(`${asset.id}-${name}`)}`;
      files[path] = bytes;
      total += bytes.length;
      manifest.push({ ...entry, file: path });
    } catch (error) {
      manifest.push({ ...entry, skipped: `not downloadable: ${(error as Error).message.slice(0, 80)}` });
    }
  }
  return { files, manifest };
}
