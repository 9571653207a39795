import { afterAll, afterEach } from "vitest";
import { FakeBotApi, type RecordedCall } from "./fake-bot-api.ts";

/**
 * Shared by every test file (vitest setupFiles): a test fails when the bot made a Bot API call that the fake
 * refused the way Telegram would, unless the test injected that failure (failNext/resetNext) or accepted it
 * (acceptRefusals) because provoking it was the point.
 */
function describeRefusal(call: RecordedCall): string {
  const text = call.payload.text ?? call.payload.caption ?? call.payload.callback_query_id ?? "";
  return `${call.method}(${String(text).slice(0, 80)}) → ${call.refused!.error_code} ${call.refused!.description}`;
}

async function checkRefusals(): Promise<void> {
  // Calls of an update still in flight belong to the test that pushed it.
  await Promise.all([...FakeBotApi.live].map((api) => (api.isListening ? api.settled(3_000) : Promise.resolve())));
  const refused = [...FakeBotApi.live].flatMap((api) => api.takeUnexpectedRefusals());
  if (refused.length === 0) return;
  throw new Error(`the bot made Bot API calls that Telegram refuses:\n${refused.map(describeRefusal).join("\n")}`);
}

afterEach(checkRefusals);
afterAll(async () => {
  try {
    await checkRefusals();
  } finally {
    FakeBotApi.live.clear();
  }
});
