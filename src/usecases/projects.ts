/**
 * The moves of a project's life: idea → active → archive and back, each made only from the status the owner saw (a
 * conditional update), so a stale or doubled tap changes nothing and says so. Mirrored to Notion by the outbox.
 */
import type { ProjectRepository, TransitionResult } from "../db/project-repository.ts";
import type { ProjectView } from "../domain/project.ts";

export type ProjectMove =
  | { kind: "activate"; intervalDays: number | null }
  | { kind: "complete" }
  | { kind: "cancel" }
  | { kind: "restore"; to: "idea" | "active" };

export function moveProject(
  projects: Pick<ProjectRepository, "transition">,
  project: ProjectView,
  move: ProjectMove,
): Promise<TransitionResult> {
  switch (move.kind) {
    case "activate":
      return projects.transition(project.id, "idea", "active", { intervalDays: move.intervalDays });
    case "complete":
    case "cancel":
      return projects.transition(project.id, "active", "archived", {
        reason: move.kind === "complete" ? "completed" : "cancelled",
      });
    case "restore":
      // Back to work with the interval it had: the owner chose it once already.
      return projects.transition(project.id, "archived", move.to, { intervalDays: project.reminderIntervalDays });
  }
}
