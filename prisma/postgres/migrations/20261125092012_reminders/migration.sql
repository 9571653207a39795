-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "snoozedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReminderClaim" (
    "key" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ReminderClaim_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ReminderClaim_sentAt_idx" ON "ReminderClaim"("sentAt");

-- CreateIndex
CREATE INDEX "Project_status_reminderIntervalDays_idx" ON "Project"("status", "reminderIntervalDays");

-- CreateIndex
CREATE INDEX "Project_status_updatedAt_idx" ON "Project"("status", "updatedAt");
