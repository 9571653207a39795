import type { Flow, FlowContext } from "../context.ts";

/**
 * The steps of /new that belong to the creative AI (a voice note as the description, the moodboard offer and its
 * start). The projects feature runs /new; the AI feature supplies these when the bot is put together, so neither
 * imports the other.
 */
export interface IdeaSteps {
  /** The description, typed or spoken (a voice note transcribed in the background). */
  askDescription(conversation: Flow): Promise<{ value: string; ctx: FlowContext }>;
  /** "Create a moodboard?" after the photo step; not asked when moodboards are off. */
  askMoodboard(conversation: Flow, ctx: FlowContext): Promise<{ wanted: boolean; ctx: FlowContext }>;
  /** Starts the moodboard of the saved idea in the background. */
  startMoodboard(conversation: Flow, projectId: number): Promise<void>;
}
