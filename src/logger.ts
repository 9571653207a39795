import pino, { type Logger } from "pino";

export type { Logger };

/** Any piece of a secret this long is treated as the secret: a truncated error text must not leak most of a key. */
export const SECRET_FRAGMENT = 12;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Replaces each secret (token, API keys, DB password) with [redacted] — whole, URL-encoded, or any piece of
 * SECRET_FRAGMENT characters or more (an error message cut short, a URL that quotes part of a key).
 */
export function makeRedactor(secrets: string[]): (text: string) => string {
  const unique = [...new Set(secrets.filter((s) => s.length >= 6))];
  if (unique.length === 0) return (text) => text;
  const forms = [...new Set(unique.flatMap((secret) => [secret, encodeURIComponent(secret)]))];
  // Secrets shorter than a fragment are only redacted whole.
  const whole = forms.filter((form) => form.length < SECRET_FRAGMENT).sort((x, y) => y.length - x.length);
  const wholePattern = whole.length ? new RegExp(whole.map(escapeRegExp).join("|"), "g") : null;
  const grams = new Set<string>();
  for (const form of forms)
    for (let i = 0; i + SECRET_FRAGMENT <= form.length; i++) grams.add(form.slice(i, i + SECRET_FRAGMENT));
  return (text) => {
    const marked = new Uint8Array(text.length);
    if (wholePattern)
      for (const match of text.matchAll(wholePattern)) marked.fill(1, match.index, match.index + match[0].length);
    for (let i = 0; i + SECRET_FRAGMENT <= text.length; i++) {
      if (grams.has(text.slice(i, i + SECRET_FRAGMENT))) marked.fill(1, i, i + SECRET_FRAGMENT);
    }
    if (!marked.includes(1)) return text;
    let out = "";
    for (let i = 0; i < text.length; i++) {
      if (!marked[i]) out += text[i];
      else if (i === 0 || !marked[i - 1]) out += "[redacted]";
    }
    return out;
  };
}

/**
 * pino writes each line through `streamWrite`, so scrubbing there also covers
 * secrets embedded in error messages and stacks (grammY errors carry the
 * request URL, which contains the bot token).
 */
export function createLogger(
  options: { level: string; secrets: string[] },
  destination?: pino.DestinationStream,
): Logger {
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
