import type { ProjectSnapshot } from "../../src/domain/project.ts";
import type { SyncJob, SyncJobKind, SyncProject, SyncStore } from "../../src/domain/notion-sync.ts";

export interface StoredJob extends SyncJob {
  state: "pending" | "done" | "failed";
  runAfter: Date;
  lastError: string | null;
}

/** The outbox as the Prisma store keeps it, in memory: projects plus jobs with state and runAfter. */
export class MemorySyncStore implements SyncStore {
  readonly projects = new Map<number, SyncProject>();
  readonly jobs: StoredJob[] = [];
  /** Calls in order, to check e.g. that markCreateStarted happened before the page was created. */
  readonly log: string[] = [];
  private nextJobId = 1;
  private nextProjectId = 1;
  private readonly clock: () => Date;

  constructor(clock: () => Date = () => new Date()) {
    this.clock = clock;
  }

  addProject(fields: Partial<ProjectSnapshot> & { name: string }): SyncProject {
    const project: SyncProject = {
      id: this.nextProjectId++,
      description: "",
      status: "idea",
      notionPageId: null,
      createdAt: this.clock().toISOString(),
      notionCreateStartedAt: null,
      ...fields,
    };
    this.projects.set(project.id, project);
    return project;
  }

  /** What a repository does in its transaction: change the project and enqueue an upsert. */
  editProject(id: number, changes: Partial<ProjectSnapshot>): void {
    Object.assign(this.projects.get(id)!, changes);
    this.enqueue("upsert", id);
  }

  enqueue(kind: SyncJobKind, projectId: number | null, payload: { pageId?: string } = {}): StoredJob {
    const job: StoredJob = {
      id: this.nextJobId++,
      projectId,
      kind,
      payload,
      attempts: 0,
      state: "pending",
      runAfter: this.clock(),
      lastError: null,
    };
    this.jobs.push(job);
    return job;
  }

  pending(): StoredJob[] {
    return this.jobs.filter((j) => j.state === "pending");
  }

  async dueJobs(now: Date, limit: number): Promise<SyncJob[]> {
    return this.pending()
      .filter((j) => j.runAfter.getTime() <= now.getTime())
      .slice(0, limit)
      .map((j) => ({ ...j, payload: { ...j.payload } }));
  }

  async project(id: number): Promise<SyncProject | null> {
    const project = this.projects.get(id);
    return project ? { ...project } : null;
  }

  async markCreateStarted(projectId: number, at: Date): Promise<void> {
    this.log.push(`markCreateStarted ${projectId}`);
    this.projects.get(projectId)!.notionCreateStartedAt = at.toISOString();
  }

  async setPageId(projectId: number, pageId: string): Promise<void> {
    this.log.push(`setPageId ${projectId}`);
    const project = this.projects.get(projectId);
    if (project) project.notionPageId = pageId;
  }

  async complete(jobId: number): Promise<void> {
    this.job(jobId).state = "done";
  }

  async retryLater(jobId: number, runAfter: Date, error: string): Promise<void> {
    const job = this.job(jobId);
    Object.assign(job, { runAfter, lastError: error, attempts: job.attempts + 1 });
  }

  async fail(jobId: number, error: string): Promise<void> {
    Object.assign(this.job(jobId), { state: "failed", lastError: error });
  }

  async nextDueAt(): Promise<Date | null> {
    const times = this.pending().map((j) => j.runAfter.getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }

  private job(id: number): StoredJob {
    const job = this.jobs.find((j) => j.id === id);
    if (!job) throw new Error(`no job ${id}`);
    return job;
  }
}
