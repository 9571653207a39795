import type { RecordedCall } from "./fake-bot-api.ts";
import { buttonsOf, photoMessage, quietConfirmation, type OwnerChat, isButton } from "./owner-chat.ts";
import { until as pollUntil } from "./until.ts";
import { Buttons } from "../../src/bot/buttons.ts";

/** until() from until.ts, polling every 25 ms instead of 50. */
export const until = <T>(probe: () => T | undefined | false | null, timeoutMs = 15_000): Promise<T> =>
  pollUntil(probe, timeoutMs, 25);

/** Adds an idea through /new (with the reference photo `photo`, or none) and resolves with the project's id. */
export async function addIdea(chat: OwnerChat, name: string, description: string, photo?: string): Promise<number> {
  await chat.send("/new");
  await chat.send(name);
  await chat.send(description);
  const next = photo
    ? await chat.push(photoMessage(photo))
    : await chat.tap(Buttons.flow.pack({ action: "skip" }), (c) => c.method === "sendMessage");
  // With Fal configured, /new offers a moodboard after the photo step.
  const saved = String(next.payload.text).startsWith("✅")
    ? next
    : await chat.tap(
        Buttons.flow.pack({ action: "moodboardOffer", arg: "skip" }),
        (c) => c.method === "sendMessage" && String(c.payload.text).startsWith("✅"),
      );
  return projectIdOf(await quietConfirmation(chat, saved));
}

export const projectIdOf = (call: RecordedCall) =>
  Number(
    buttonsOf(call)
      .find((b) => isButton(Buttons.project, b.data))!
      .data!.split(":")[1],
  );

export const textOf = (call: RecordedCall) => String(call.payload.text ?? call.payload.caption ?? "");
