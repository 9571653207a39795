/** A template as stored: HTML (Jinja2), optional CSS, and its own files (images, fonts) by relative path. */
export interface TemplateBundle {
  html: string;
  css: string | null;
  files: Map<string, Uint8Array>;
}
