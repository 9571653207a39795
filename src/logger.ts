import pino, { type Logger } from "pino";

export type { Logger };

/** Replaces every occurrence of each secret (token, API keys, DB password) with [redacted]. */
export function makeRedactor(secrets: string[]): (text: string) => string {
  const unique = [...new Set(secrets.filter((s) => s.length >= 6))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return (text) => text;
  const escaped = unique.flatMap((s) => [s, encodeURIComponent(s)]).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const pattern = new RegExp(escaped.join("|"), "g");
  return (text) => text.replace(pattern, "[redacted]");
}

/**
 * pino writes each line through `streamWrite`, so scrubbing there also covers
 * secrets embedded in error messages and stacks (grammY errors carry the
 * request URL, which contains the bot token).
 */
export function createLogger(options: { level: string; secrets: string[] }, destination?: pino.DestinationStream): Logger {
  const redact = makeRedactor(options.secrets);
  return pino(
    {
      level: options.level,
      base: undefined,
      hooks: { streamWrite: redact },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
