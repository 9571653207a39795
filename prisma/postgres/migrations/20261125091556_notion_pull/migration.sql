-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "notionSyncedAt" TIMESTAMP(3),
ADD COLUMN     "notionSyncedName" TEXT,
ADD COLUMN     "notionSyncedStatus" TEXT;

-- CreateTable
CREATE TABLE "NotionPageOffer" (
    "id" SERIAL NOT NULL,
    "pageId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'new',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NotionPageOffer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "NotionPageOffer_pageId_key" ON "NotionPageOffer"("pageId");

-- CreateIndex
CREATE INDEX "NotionPageOffer_state_idx" ON "NotionPageOffer"("state");
