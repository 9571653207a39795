-- CreateTable
CREATE TABLE "AiDraft" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "projectId" INTEGER,
    "data" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AiDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AiDraft_kind_createdAt_idx" ON "AiDraft"("kind", "createdAt");
