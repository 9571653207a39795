-- AlterTable
ALTER TABLE "Project" ADD COLUMN "notionSyncedDescription" TEXT;
