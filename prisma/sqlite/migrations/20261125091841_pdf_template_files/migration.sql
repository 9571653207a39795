-- CreateTable
CREATE TABLE "PdfTemplateFile" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "templateId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'asset',
    "path" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PdfTemplateFile_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "PdfTemplate" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "PdfTemplateFile_templateId_path_key" ON "PdfTemplateFile"("templateId", "path");
