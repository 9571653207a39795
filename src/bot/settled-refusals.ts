import { createRequire } from "node:module";
import type { Logger } from "../logger.ts";

type Fetch = typeof fetch;

/** The fetch grammY itself uses on Node (its own node-fetch), so every other request behaves exactly as before. */
function grammyFetch(): Fetch {
  const fromGrammy = createRequire(createRequire(import.meta.url).resolve("grammy"));
  const nodeFetch = fromGrammy("node-fetch") as { default?: Fetch } & Fetch;
  return nodeFetch.default ?? nodeFetch;
}

const METHODS = /\/(answerCallbackQuery|editMessageText|editMessageCaption|editMessageMedia|editMessageReplyMarkup)$/;
const SETTLED = /query is too old and response timeout expired|message is not modified/;

/**
 * Two refusals mean the wanted state already holds: a callback query that was answered (by the process
 * killed before it confirmed the update, or too late to matter) and an edit to what the message already
 * shows (a re-delivered update redoing its edit, two taps racing). They are taken as success at the
 * transport, below every Api (including the ones conversations build: a conversation records its calls,
 * and a call that threw would break its replay), and logged. Any other refusal is an error as before.
 */
export function settledRefusalsFetch(logger: Logger, base: Fetch = grammyFetch()): Fetch {
  return (async (input: Parameters<Fetch>[0], init?: Parameters<Fetch>[1]) => {
    const response = await base(input, init);
    const method = String(input).match(METHODS)?.[1];
    if (!method || response.status !== 400) return response;
    const body = (await response.json()) as { description?: string };
    if (!SETTLED.test(body.description ?? "")) return { json: async () => body } as Response;
    logger.warn({ method, description: body.description }, "Bot API call already settled; taken as done");
    return { json: async () => ({ ok: true, result: true }) } as Response;
  }) as Fetch;
}
