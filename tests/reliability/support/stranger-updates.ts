import { OWNER_ID, STRANGER_ID } from "../../support/fake-bot-api.ts";
import { Buttons } from "../../../src/bot/buttons.ts";

const stranger = (n: number) => ({
  id: STRANGER_ID + (n % 7),
  is_bot: false,
  first_name: "Eve",
  language_code: n % 2 ? "en" : "ru",
});
const privateChat = (n: number) => ({ id: STRANGER_ID + (n % 7), type: "private", first_name: "Eve" });
const group = { id: -100123, type: "supergroup", title: "Group" };
const channel = { id: -100999, type: "channel", title: "Channel" };
const command = (text: string) => ({
  text,
  entities: [{ type: "bot_command", offset: 0, length: text.split(" ")[0].length }],
});
const member = (n: number, status: string) => ({ status, user: stranger(n) });

/**
 * Every kind of update someone other than the owner can cause, numbered so ids
 * differ: messages of each content type, commands, button taps, inline mode,
 * edits, channel posts, membership, join requests, polls, reactions, payments,
 * business and boosts, plus the owner seen in a group and a bot posing as the owner.
 */
const kinds: ((n: number) => Record<string, unknown>)[] = [
  (n) => ({ message: { message_id: n, date: 1, chat: privateChat(n), from: stranger(n), ...command("/start") } }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      ...command(["/new", "/settings", "/sync", "/export", "/generate", "/templates", "/cancel", "/help"][n % 8]),
    },
  }),
  (n) => ({ message: { message_id: n, date: 1, chat: privateChat(n), from: stranger(n), text: `hello ${n}` } }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      photo: [{ file_id: `p${n}`, file_unique_id: `p${n}`, width: 1, height: 1 }],
    },
  }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      voice: { file_id: `v${n}`, file_unique_id: `v${n}`, duration: 1 },
    },
  }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      document: { file_id: `d${n}`, file_unique_id: `d${n}`, file_name: "template.zip", mime_type: "application/zip" },
    },
  }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      sticker: {
        file_id: "s",
        file_unique_id: "s",
        type: "regular",
        width: 1,
        height: 1,
        is_animated: false,
        is_video: false,
      },
    },
  }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      location: { latitude: 55.75, longitude: 37.62 },
    },
  }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      contact: { phone_number: "+100", first_name: "X", user_id: OWNER_ID },
    },
  }),
  // A stranger writing into a chat whose id is the owner's (forged update): the sender decides, not the chat.
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: { id: OWNER_ID, type: "private", first_name: "Owner" },
      from: stranger(n),
      ...command("/export"),
    },
  }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      text: "forwarded",
      forward_origin: { type: "user", date: 1, sender_user: { id: OWNER_ID, is_bot: false, first_name: "Owner" } },
    },
  }),
  (n) => ({
    edited_message: {
      message_id: n,
      date: 1,
      edit_date: 2,
      chat: privateChat(n),
      from: stranger(n),
      ...command("/start"),
    },
  }),
  (n) => ({
    callback_query: {
      id: `cb${n}`,
      from: stranger(n),
      chat_instance: "ci",
      data: [
        Buttons.nav.pack({ screen: "main" }),
        Buttons.settings.pack({ section: "language", arg: "en" }),
        Buttons.project.pack({ id: 1, action: "delete", arg: "yes" }),
        Buttons.sync.pack({ action: "retry" }),
        "tpl:del:1",
      ][n % 5],
      message: { message_id: 1, date: 0, chat: privateChat(n), text: "x" },
    },
  }),
  (n) => ({
    callback_query: {
      id: `icb${n}`,
      from: stranger(n),
      chat_instance: "ci",
      inline_message_id: `im${n}`,
      data: Buttons.nav.pack({ screen: "main" }),
    },
  }),
  (n) => ({ inline_query: { id: `iq${n}`, from: stranger(n), query: "ideas", offset: "" } }),
  (n) => ({ chosen_inline_result: { result_id: `r${n}`, from: stranger(n), query: "q" } }),
  (n) => ({ channel_post: { message_id: n, date: 1, chat: channel, ...command("/start") } }),
  (n) => ({ edited_channel_post: { message_id: n, date: 1, edit_date: 2, chat: channel, text: "/start" } }),
  (n) => ({
    my_chat_member: {
      chat: group,
      from: stranger(n),
      date: 1,
      old_chat_member: member(n, "left"),
      new_chat_member: member(n, "member"),
    },
  }),
  (n) => ({
    chat_member: {
      chat: group,
      from: stranger(n),
      date: 1,
      old_chat_member: member(n, "left"),
      new_chat_member: member(n, "administrator"),
    },
  }),
  (n) => ({ chat_join_request: { chat: group, from: stranger(n), user_chat_id: STRANGER_ID, date: 1 } }),
  (n) => ({
    poll: {
      id: `poll${n}`,
      question: "?",
      options: [],
      total_voter_count: 0,
      is_closed: false,
      is_anonymous: true,
      type: "regular",
      allows_multiple_answers: false,
    },
  }),
  (n) => ({ poll_answer: { poll_id: `poll${n}`, user: stranger(n), option_ids: [0] } }),
  (n) => ({
    message_reaction: {
      chat: privateChat(n),
      message_id: 1,
      user: stranger(n),
      date: 1,
      old_reaction: [],
      new_reaction: [{ type: "emoji", emoji: "👍" }],
    },
  }),
  () => ({ message_reaction_count: { chat: group, message_id: 1, date: 1, reactions: [] } }),
  (n) => ({ shipping_query: { id: `s${n}`, from: stranger(n), invoice_payload: "x", shipping_address: {} } }),
  (n) => ({
    pre_checkout_query: { id: `pc${n}`, from: stranger(n), currency: "USD", total_amount: 1, invoice_payload: "x" },
  }),
  (n) => ({
    chat_boost: {
      chat: channel,
      boost: { boost_id: `b${n}`, add_date: 1, expiration_date: 2, source: { source: "premium", user: stranger(n) } },
    },
  }),
  (n) => ({
    business_message: {
      message_id: n,
      date: 1,
      chat: privateChat(n),
      from: stranger(n),
      business_connection_id: "bc",
      text: "/start",
    },
  }),
  (n) => ({
    business_connection: { id: "bc", user: stranger(n), user_chat_id: STRANGER_ID, date: 1, is_enabled: true },
  }),
  (n) => ({ purchased_paid_media: { from: stranger(n), paid_media_payload: "x" } }),
  // The owner in a group or channel, and a bot that copies the owner's id, are ignored too.
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: group,
      from: { id: OWNER_ID, is_bot: false, first_name: "Owner" },
      ...command("/start"),
    },
  }),
  (n) => ({
    message: {
      message_id: n,
      date: 1,
      chat: { id: OWNER_ID, type: "private" },
      from: { id: OWNER_ID, is_bot: true, first_name: "Imposter" },
      ...command("/export"),
    },
  }),
  (n) => ({ [`future_update_kind_${n % 3}`]: { some: "thing" } }),
];

export const STRANGER_KINDS = kinds.length;

/** The n-th update of the flood (kinds in rotation). */
export const strangerUpdate = (n: number) => kinds[n % kinds.length](100_000 + n);
