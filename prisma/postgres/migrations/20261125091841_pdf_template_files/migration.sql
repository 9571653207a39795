-- CreateTable
CREATE TABLE "PdfTemplateFile" (
    "id" SERIAL NOT NULL,
    "templateId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'asset',
    "path" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PdfTemplateFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PdfTemplateFile_templateId_path_key" ON "PdfTemplateFile"("templateId", "path");

-- AddForeignKey
ALTER TABLE "PdfTemplateFile" ADD CONSTRAINT "PdfTemplateFile_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "PdfTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;
