-- AlterTable
ALTER TABLE "Project" ADD COLUMN "deadlineDate" TEXT;
ALTER TABLE "Project" ADD COLUMN "deadlineSnoozedUntil" DATETIME;
ALTER TABLE "Project" ADD COLUMN "deadlineTime" TEXT;
ALTER TABLE "Project" ADD COLUMN "notionSyncedDeadline" TEXT;

-- CreateIndex
CREATE INDEX "Project_status_deadlineDate_idx" ON "Project"("status", "deadlineDate");
