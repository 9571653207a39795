import type { Composer } from "grammy";
import type { CallbackQueryContext, Context as GrammyContext } from "grammy";

/** Telegram refuses a button whose callback_data is longer than this (bytes, UTF-8). */
export const CALLBACK_DATA_MAX_BYTES = 64;

/** One part of a button's data: the characters it may use, its longest written form, how it reads back. */
export interface Field<T> {
  readonly pattern: string;
  readonly maxLength: number;
  readonly optional: boolean;
  read(text: string): T;
  write(value: T): string;
}

/** A row id or another non-negative integer of at most `digits` digits. */
export const int = (digits = 10): Field<number> => ({
  pattern: `\\d{1,${digits}}`,
  maxLength: digits,
  optional: false,
  read: Number,
  write: (value) => String(Math.trunc(value)),
});

/** One of a fixed set of short words. */
export const oneOf = <const V extends string>(...values: V[]): Field<V> => ({
  pattern: `(?:${values.join("|")})`,
  maxLength: Math.max(...values.map((value) => value.length)),
  optional: false,
  read: (text) => text as V,
  write: (value) => value,
});

/**
 * Names that read in the code, each written as its short wire code (the data on buttons already sent keeps
 * working): `named({ snooze: "s", pause: "p" })` reads "s" as "snooze".
 */
export const named = <const M extends Record<string, string>>(codes: M): Field<keyof M & string> => {
  const byCode = new Map(Object.entries(codes).map(([name, code]) => [code, name]));
  if (byCode.size !== Object.keys(codes).length)
    throw new Error(`two names share a wire code: ${Object.values(codes)}`);
  return {
    // Longest first: "is" must not be read as "i" followed by garbage.
    pattern: `(?:${[...byCode.keys()].sort((a, b) => b.length - a.length).join("|")})`,
    maxLength: Math.max(...Object.values(codes).map((code) => code.length)),
    optional: false,
    read: (text) => byCode.get(text) as keyof M & string,
    write: (value) => codes[value],
  };
};

/** Lowercase letters, digits and `-` (an interval, a time zone's index, a quiet-hours range). */
export const token = (maxLength: number): Field<string> => ({
  pattern: `[a-z0-9-]{1,${maxLength}}`,
  maxLength,
  optional: false,
  read: (text) => text,
  write: (value) => value,
});

/** A last part that may be left out (then the data simply ends before it). */
export const optional = <T>(field: Field<T>): Field<T | undefined> => ({
  ...field,
  optional: true,
  write: (value) => (value === undefined ? "" : field.write(value)),
});

type Fields = Record<string, Field<unknown>>;
type ValueOf<F> = F extends Field<infer T> ? T : never;
type RequiredKeys<F extends Fields> = { [K in keyof F]: undefined extends ValueOf<F[K]> ? never : K }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;
export type ButtonValue<F extends Fields> = { [K in RequiredKeys<F>]: ValueOf<F[K]> } & {
  [K in OptionalKeys<F>]?: ValueOf<F[K]>;
};

/** The value a codec writes and reads: `ButtonOf<typeof Buttons.project>`. */
export type ButtonOf<C> = C extends CallbackCodec<infer V> ? V : never;

/** Writes and reads one kind of button's callback data: `prefix:field:field…`. */
export interface CallbackCodec<V> {
  readonly prefix: string;
  /** The longest data this codec can write, in bytes. */
  readonly maxBytes: number;
  /** Matches exactly the data this codec writes (for `callbackQuery` and `waitForCallbackQuery`). */
  readonly filter: RegExp;
  pack(value: V): string;
  unpack(data: string | undefined): V | undefined;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function callbackCodec<const F extends Fields>(prefix: string, fields: F): CallbackCodec<ButtonValue<F>> {
  const entries = Object.entries(fields);
  const firstOptional = entries.findIndex(([, field]) => field.optional);
  if (firstOptional >= 0 && entries.slice(firstOptional).some(([, field]) => !field.optional))
    throw new Error(`callback data "${prefix}": optional parts must come last`);
  const parts = entries.map(([, field]) => (field.optional ? `(?::(${field.pattern}))?` : `:(${field.pattern})`));
  const filter = new RegExp(`^${escapeRegExp(prefix)}${parts.join("")}$`);
  const maxBytes = Buffer.byteLength(prefix) + entries.reduce((sum, [, field]) => sum + 1 + field.maxLength, 0);
  return {
    prefix,
    maxBytes,
    filter,
    pack(value) {
      const written = entries.map(([key, field]) => field.write((value as Record<string, unknown>)[key]));
      while (written.length > 0 && written[written.length - 1] === "" && entries[written.length - 1][1].optional)
        written.pop();
      const data = [prefix, ...written].join(":");
      if (!filter.test(data)) throw new Error(`callback data "${data}" does not fit its codec "${prefix}"`);
      return data;
    },
    unpack(data) {
      const match = data === undefined ? null : filter.exec(data);
      if (!match) return undefined;
      const value: Record<string, unknown> = {};
      entries.forEach(([key, field], index) => {
        const text = match[index + 1];
        if (text !== undefined) value[key] = field.read(text);
      });
      return value as ButtonValue<F>;
    },
  };
}

/** Handles the buttons of one codec with their data already read. */
export function onButton<C extends GrammyContext, V>(
  composer: Composer<C>,
  codec: CallbackCodec<V>,
  handler: (ctx: CallbackQueryContext<C>, value: V, next: () => Promise<void>) => unknown,
): void {
  composer.callbackQuery(codec.filter, async (ctx, next) => {
    const value = codec.unpack(ctx.callbackQuery.data);
    if (value === undefined) return next();
    await handler(ctx, value, next);
  });
}
