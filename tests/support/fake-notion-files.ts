import { randomUUID } from "node:crypto";
import { invalid, notFound, richTextJson, textOf, type Json } from "./fake-notion-shapes.ts";

/** A file upload as the fake Notion API holds it (single-part only). */
export interface FakeFileUpload {
  id: string;
  filename: string;
  contentType: string;
  status: "pending" | "uploaded";
  bytes: Buffer | null;
  /** Blocks that reference it. */
  attachedTo: string[];
}

/** A page's image block: the upload it shows and its caption. */
export interface FakeImage {
  fileUploadId: string;
  caption: string;
}

/** POST /v1/file_uploads and POST /v1/file_uploads/:id/send (multipart), and image blocks referring to them. */
export class FakeNotionFiles {
  readonly uploads: FakeFileUpload[] = [];

  create(body: Json): Json {
    const mode = body.mode ?? "single_part";
    if (mode !== "single_part") throw invalid(`only single_part uploads are emulated, got ${mode}`);
    const upload: FakeFileUpload = {
      id: randomUUID(),
      filename: body.filename ?? "file",
      contentType: body.content_type ?? "application/octet-stream",
      status: "pending",
      bytes: null,
      attachedTo: [],
    };
    this.uploads.push(upload);
    return this.json(upload);
  }

  /** `form` is the parsed multipart body: the SDK sends the file under the field "file". */
  send(id: string, form: FormData | null): Promise<Json> | Json {
    const upload = this.get(id);
    if (upload.status !== "pending") throw invalid(`File upload ${id} is not pending (status: ${upload.status}).`);
    const file = form?.get("file");
    if (!file || typeof file === "string") throw invalid("body.file should be a file (multipart/form-data)");
    return file.arrayBuffer().then((data) => {
      upload.bytes = Buffer.from(data);
      upload.status = "uploaded";
      return this.json(upload);
    });
  }

  /** Validates an image block of the request and returns what the page keeps of it. */
  imageOf(child: Json, path: string): FakeImage {
    const image = child.image;
    if (image?.type !== "file_upload" || typeof image.file_upload?.id !== "string")
      throw invalid(`${path}.image: only file_upload images are emulated`);
    const upload = this.get(image.file_upload.id);
    if (upload.status !== "uploaded")
      throw invalid(`${path}.image.file_upload: the file upload ${upload.id} is not uploaded yet.`);
    return { fileUploadId: upload.id, caption: textOf(image.caption ?? [], `${path}.image.caption`) };
  }

  attach(fileUploadId: string, blockId: string): void {
    this.get(fileUploadId).attachedTo.push(blockId);
  }

  /** The block JSON Notion returns for an uploaded image (a temporary URL, not the upload id). */
  blockJson(block: { id: string; image: FakeImage }, pageId: string): Json {
    const caption = block.image.caption === "" ? [] : [richTextJson(block.image.caption)];
    const file = {
      url: `https://files.fake-notion.test/${block.image.fileUploadId}/${encodeURIComponent(this.get(block.image.fileUploadId).filename)}`,
      expiry_time: new Date(Date.now() + 3_600_000).toISOString(),
    };
    return {
      object: "block",
      id: block.id,
      parent: { type: "page_id", page_id: pageId },
      type: "image",
      has_children: false,
      in_trash: false,
      image: { type: "file", file, caption },
    };
  }

  private get(id: string): FakeFileUpload {
    const upload = this.uploads.find((u) => u.id === id || u.id.replace(/-/g, "") === id);
    if (!upload) throw notFound("file_upload", id);
    return upload;
  }

  private json(upload: FakeFileUpload): Json {
    return {
      object: "file_upload",
      id: upload.id,
      status: upload.status,
      filename: upload.filename,
      content_type: upload.contentType,
      content_length: upload.bytes?.length ?? null,
      upload_url: upload.status === "pending" ? `/v1/file_uploads/${upload.id}/send` : null,
    };
  }
}
