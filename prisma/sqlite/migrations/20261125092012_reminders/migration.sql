-- AlterTable
ALTER TABLE "Project" ADD COLUMN "snoozedUntil" DATETIME;

-- CreateTable
CREATE TABLE "ReminderClaim" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "claimedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateIndex
CREATE INDEX "ReminderClaim_sentAt_idx" ON "ReminderClaim"("sentAt");

-- CreateIndex
CREATE INDEX "Project_status_reminderIntervalDays_idx" ON "Project"("status", "reminderIntervalDays");

-- CreateIndex
CREATE INDEX "Project_status_updatedAt_idx" ON "Project"("status", "updatedAt");
