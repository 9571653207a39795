-- AlterTable
ALTER TABLE "Project" ADD COLUMN "notionSyncedAt" DATETIME;
ALTER TABLE "Project" ADD COLUMN "notionSyncedName" TEXT;
ALTER TABLE "Project" ADD COLUMN "notionSyncedStatus" TEXT;

-- CreateTable
CREATE TABLE "NotionPageOffer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pageId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'new',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "NotionPageOffer_pageId_key" ON "NotionPageOffer"("pageId");

-- CreateIndex
CREATE INDEX "NotionPageOffer_state_idx" ON "NotionPageOffer"("state");
