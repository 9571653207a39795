import type { CheckOutcome } from "./template-sandbox.ts";
import type { PdfService, PdfServiceOptions, RenderResult } from "./pdf-service.ts";

/** What the bot uses of the PDF service. */
export type PdfRenderer = Pick<PdfService, "warm" | "check" | "render" | "close">;

type Load = () => Promise<{ PdfService: new (options: PdfServiceOptions) => PdfService }>;

/**
 * The PDF service with its modules (puppeteer-core, sharp: ~40 MB resident)
 * loaded at the first warm/check/render instead of at boot, since most
 * sessions never render a card. When they cannot be loaded (a broken sharp
 * install, say), renders fail with the reason instead of the bot crashing.
 */
export class LazyPdfService implements PdfRenderer {
  private loading: Promise<PdfService> | undefined;
  private readonly options: PdfServiceOptions;
  private readonly onLoadError: (error: unknown) => void;
  private readonly load: Load;

  constructor(
    options: PdfServiceOptions,
    onLoadError: (error: unknown) => void = () => {},
    load: Load = () => import("./pdf-service.ts"),
  ) {
    this.options = options;
    this.onLoadError = onLoadError;
    this.load = load;
  }

  private service(): Promise<PdfService> {
    this.loading ??= this.load().then(
      ({ PdfService }) => new PdfService(this.options),
      (error: unknown) => {
        this.onLoadError(error);
        throw error;
      },
    );
    return this.loading;
  }

  warm(): void {
    this.service().then(
      (service) => service.warm(),
      () => {},
    );
  }

  async check(html: string): Promise<CheckOutcome> {
    try {
      return await (await this.service()).check(html);
    } catch (error) {
      return { ok: false, kind: "crashed", message: unavailable(error) };
    }
  }

  async render(...args: Parameters<PdfService["render"]>): Promise<RenderResult> {
    let service: PdfService;
    try {
      service = await this.service();
    } catch (error) {
      return { ok: false, kind: "crashed", message: unavailable(error) };
    }
    return service.render(...args);
  }

  async close(): Promise<void> {
    const service = await this.loading?.catch(() => undefined);
    await service?.close();
  }
}

function unavailable(error: unknown): string {
  const first = String((error as Error)?.message ?? error).split("\n")[0];
  return `the PDF renderer could not be loaded (${first})`;
}
