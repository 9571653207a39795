import { Buttons } from "../buttons.ts";
import type { CallbackCodec } from "../callback-codec.ts";
import type { Flow, FlowContext } from "../context.ts";

/**
 * The next update for a waiting step. Buttons of the flow's own steps (`Buttons.flow`, or the `own` codec); any other
 * button (a reminder's snooze, an old card's Delete) belongs to another screen and is passed on to do its own job while
 * the flow keeps waiting, as is the step's Cancel button (handled with /cancel, features/flows.ts).
 * The one pass-through every waiting step uses: text, choice and file steps alike.
 */
export async function waitStep(conversation: Flow, own?: CallbackCodec<unknown>): Promise<FlowContext> {
  const answer = await conversation.wait();
  const data = answer.callbackQuery?.data;
  if (data === undefined) return answer;
  const step = Buttons.flow.unpack(data);
  const ours = (step !== undefined && step.action !== "cancel") || own?.unpack(data) !== undefined;
  if (!ours) await conversation.skip({ next: true });
  return answer;
}
