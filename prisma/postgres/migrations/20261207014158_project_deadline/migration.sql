-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "deadlineDate" TEXT,
ADD COLUMN     "deadlineSnoozedUntil" TIMESTAMP(3),
ADD COLUMN     "deadlineTime" TEXT,
ADD COLUMN     "notionSyncedDeadline" TEXT;

-- CreateIndex
CREATE INDEX "Project_status_deadlineDate_idx" ON "Project"("status", "deadlineDate");
