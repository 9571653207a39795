import type { Db } from "./client.ts";
import type { TemplateBundle } from "../domain/template-bundle.ts";

export const TEMPLATE_NAME_MAX = 60;

/** Plain-JSON summary of a stored template (safe to return from conversation.external). */
export interface TemplateSummary {
  id: number;
  name: string;
  isDefault: boolean;
  files: number;
  fromZip: boolean;
}

export interface StoredTemplate extends TemplateSummary {
  bundle: TemplateBundle;
}

export interface TemplateInput {
  html: string;
  css: string | null;
  files: Map<string, Uint8Array>;
  sourceZip?: Uint8Array;
}

const SOURCE_PATH = "__source.zip";

/** PDF templates with their files; every write is one transaction, so a refused upload leaves nothing behind. */
export class TemplateRepository {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async list(): Promise<TemplateSummary[]> {
    const rows = await this.db.pdfTemplate.findMany({
      orderBy: { name: "asc" },
      include: { files: { select: { kind: true } } },
    });
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      isDefault: row.isDefault,
      files: row.files.filter((file) => file.kind === "asset").length,
      fromZip: row.files.some((file) => file.kind === "source"),
    }));
  }

  async nameTaken(name: string, exceptId?: number): Promise<boolean> {
    const row = await this.db.pdfTemplate.findUnique({ where: { name } });
    return row !== null && row.id !== exceptId;
  }

  async get(id: number): Promise<StoredTemplate | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const row = await this.db.pdfTemplate.findUnique({ where: { id }, include: { files: true } });
    if (!row) return null;
    const files = new Map<string, Uint8Array>();
    for (const file of row.files) if (file.kind === "asset") files.set(file.path, new Uint8Array(file.bytes));
    return {
      id: row.id,
      name: row.name,
      isDefault: row.isDefault,
      files: files.size,
      fromZip: row.files.some((file) => file.kind === "source"),
      bundle: { html: row.html, css: row.css, files },
    };
  }

  async getDefault(): Promise<StoredTemplate | null> {
    const row = await this.db.pdfTemplate.findFirst({ where: { isDefault: true } });
    return row ? this.get(row.id) : null;
  }

  async create(name: string, input: TemplateInput): Promise<TemplateSummary> {
    const id = await this.db.$transaction(async (tx) => {
      const row = await tx.pdfTemplate.create({ data: { name, html: input.html, css: input.css } });
      await tx.pdfTemplateFile.createMany({ data: fileRows(row.id, input) });
      return row.id;
    });
    return (await this.list()).find((template) => template.id === id)!;
  }

  async replace(id: number, input: TemplateInput): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const updated = await tx.pdfTemplate.updateMany({ where: { id }, data: { html: input.html, css: input.css } });
      if (updated.count === 0) return false;
      await tx.pdfTemplateFile.deleteMany({ where: { templateId: id } });
      await tx.pdfTemplateFile.createMany({ data: fileRows(id, input) });
      return true;
    });
  }

  async rename(id: number, name: string): Promise<boolean> {
    return (await this.db.pdfTemplate.updateMany({ where: { id }, data: { name } })).count > 0;
  }

  async delete(id: number): Promise<boolean> {
    return (await this.db.pdfTemplate.deleteMany({ where: { id } })).count > 0;
  }

  /** Makes one template the default (null: the built-in one). */
  async setDefault(id: number | null): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.pdfTemplate.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
      if (id !== null) await tx.pdfTemplate.updateMany({ where: { id }, data: { isDefault: true } });
    });
  }
}

function fileRows(templateId: number, input: TemplateInput) {
  const rows = [...input.files].map(([path, bytes]) => ({
    templateId,
    kind: "asset",
    path,
    bytes: new Uint8Array(bytes),
  }));
  if (input.sourceZip)
    rows.push({ templateId, kind: "source", path: SOURCE_PATH, bytes: new Uint8Array(input.sourceZip) });
  return rows;
}
