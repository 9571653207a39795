import type { VersionedState, ConversationData } from "@grammyjs/conversations";
import type { Db } from "./client.ts";

/**
 * Storage adapter for @grammyjs/conversations: one JSON row per storage key,
 * so a flow survives restarts and continues at the same step.
 */
export function conversationStorageAdapter(db: Db) {
  return {
    async read(key: string): Promise<VersionedState<ConversationData> | undefined> {
      const row = await db.conversationState.findUnique({ where: { key } });
      return row ? (JSON.parse(row.value) as VersionedState<ConversationData>) : undefined;
    },
    async write(key: string, state: VersionedState<ConversationData>): Promise<void> {
      const value = JSON.stringify(state);
      await db.conversationState.upsert({ where: { key }, create: { key, value }, update: { value } });
    },
    async delete(key: string): Promise<void> {
      await db.conversationState.deleteMany({ where: { key } });
    },
  };
}
