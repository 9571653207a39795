import type { TemplateBundle } from "../domain/template-bundle.ts";
import { Staging } from "./staging.ts";
import { SyncScreens } from "./sync-screens.ts";

/** An uploaded template checked and test-rendered, waiting for the owner's Save. */
export interface StagedTemplate {
  bundle: TemplateBundle;
  sourceZip?: Uint8Array;
  preview: Buffer;
  pdf: Buffer;
}

/** How many downloaded renders the generator keeps (a re-render after an edit does not download again). */
const RENDER_DOWNLOADS_KEPT = 10;

/** Keys of generations running now: a second tap on the same button meets "already generating". */
export class BusyKeys {
  private readonly keys = new Set<string>();

  claim(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }

  release(key: string): void {
    this.keys.delete(key);
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }
}

/** Work running now that the owner may stop (✖️ on its progress message): one AbortController per key. */
export class Stoppable {
  private readonly running = new Map<string, AbortController>();

  /** The signal the work watches; a key started again replaces (and stops) nothing: the newer run owns it. */
  start(key: string): AbortSignal {
    const controller = new AbortController();
    this.running.set(key, controller);
    return controller.signal;
  }

  /** Stops the work running under `key`; false when none is (it ended, or never started). */
  stop(key: string): boolean {
    const controller = this.running.get(key);
    if (!controller || controller.signal.aborted) return false;
    controller.abort();
    return true;
  }

  end(key: string, signal: AbortSignal): void {
    if (this.running.get(key)?.signal === signal) this.running.delete(key);
  }
}

/** Downloads shared while they run and kept for the newest few file ids. */
export class DownloadCache {
  private readonly entries = new Map<string, Promise<Uint8Array>>();

  get(key: string, download: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const downloading = download();
    downloading.catch(() => this.entries.get(key) === downloading && this.entries.delete(key));
    this.entries.set(key, downloading);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= RENDER_DOWNLOADS_KEPT) break;
      this.entries.delete(oldest);
    }
    return downloading;
  }
}

/**
 * Work in progress held in memory by one bot: what flows keep only a token of, and in-flight guards. It lives on
 * `deps`, never in a module, so a conversation's replay reads it only inside `conversation.external` and two bots in
 * one process (tests) share nothing.
 */
export interface Workspace {
  /** Rendered cards waiting for "Looks good". */
  cards: Staging<{ pdf: Buffer; preview: Buffer }>;
  templates: Staging<StagedTemplate>;
  renderDownloads: DownloadCache;
  busy: BusyKeys;
  /** Jobs the owner can stop from their progress message (moodboards, upscales). */
  stoppable: Stoppable;
  /** Cards and confirmations drawn while their Notion page was being written: redrawn when the sync ends. */
  syncScreens: SyncScreens;
}

export function createWorkspace(): Workspace {
  return {
    cards: new Staging(),
    templates: new Staging(),
    renderDownloads: new DownloadCache(),
    busy: new BusyKeys(),
    stoppable: new Stoppable(),
    syncScreens: new SyncScreens(),
  };
}
