-- CreateTable
CREATE TABLE "ReportStamp" (
    "projectId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("projectId", "documentId")
);

-- CreateTable
CREATE TABLE "ArticleReportCache" (
    "documentId" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "docVersion" INTEGER NOT NULL,
    "projectVersion" INTEGER NOT NULL,
    "report" TEXT NOT NULL,
    "sourceRows" TEXT NOT NULL,
    CONSTRAINT "ArticleReportCache_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ArticleReportCache_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupReportCache" (
    "projectId" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "stamp" BIGINT NOT NULL,
    "body" TEXT NOT NULL,

    PRIMARY KEY ("projectId", "by"),
    CONSTRAINT "GroupReportCache_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ArticleReportCache_projectId_idx" ON "ArticleReportCache"("projectId");

-- The sourcing reports' cache stamps (server/reports/cache.ts): every write a report reads raises
-- its document's counter (or the project's, documentId ''), in the writer's own transaction, so
-- any instance sees a cache entry go stale when the write commits. Declared in prisma/unmodeled.ts.

CREATE TRIGGER "Annotation_report_stamp_insert" AFTER INSERT ON "Annotation" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", NEW."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND NEW."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = NEW."documentId";
END;

CREATE TRIGGER "Annotation_report_stamp_update" AFTER UPDATE ON "Annotation" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", NEW."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND NEW."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = NEW."documentId";
END;

CREATE TRIGGER "Annotation_report_stamp_delete" AFTER DELETE ON "Annotation" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT OLD."projectId", OLD."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = OLD."projectId") AND OLD."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = OLD."projectId" AND "documentId" = OLD."documentId";
END;

CREATE TRIGGER "SegmentStatus_report_stamp_insert" AFTER INSERT ON "SegmentStatus" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId"), NEW."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId")) AND NEW."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId") AND "documentId" = NEW."documentId";
END;

CREATE TRIGGER "SegmentStatus_report_stamp_update" AFTER UPDATE ON "SegmentStatus" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId"), OLD."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId")) AND OLD."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId") AND "documentId" = OLD."documentId";
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId"), NEW."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId")) AND NEW."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId") AND "documentId" = NEW."documentId";
END;

CREATE TRIGGER "SegmentStatus_report_stamp_delete" AFTER DELETE ON "SegmentStatus" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId"), OLD."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId")) AND OLD."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId") AND "documentId" = OLD."documentId";
END;

CREATE TRIGGER "Segment_report_stamp_insert" AFTER INSERT ON "Segment" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId"), NEW."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId")) AND NEW."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId") AND "documentId" = NEW."documentId";
END;

CREATE TRIGGER "Segment_report_stamp_update" AFTER UPDATE ON "Segment" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId"), OLD."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId")) AND OLD."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId") AND "documentId" = OLD."documentId";
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId"), NEW."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId")) AND NEW."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId") AND "documentId" = NEW."documentId";
END;

CREATE TRIGGER "Segment_report_stamp_delete" AFTER DELETE ON "Segment" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId"), OLD."documentId", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId")) AND OLD."documentId" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId") AND "documentId" = OLD."documentId";
END;

CREATE TRIGGER "GoldLabel_report_stamp_insert" AFTER INSERT ON "GoldLabel" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = NEW."segmentId"), (SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId"), 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = NEW."segmentId")) AND (SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId") IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = NEW."segmentId") AND "documentId" = (SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId");
END;

CREATE TRIGGER "GoldLabel_report_stamp_update" AFTER UPDATE ON "GoldLabel" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = OLD."segmentId"), (SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId"), 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = OLD."segmentId")) AND (SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId") IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = OLD."segmentId") AND "documentId" = (SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId");
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = NEW."segmentId"), (SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId"), 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = NEW."segmentId")) AND (SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId") IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = NEW."segmentId") AND "documentId" = (SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId");
END;

CREATE TRIGGER "GoldLabel_report_stamp_delete" AFTER DELETE ON "GoldLabel" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = OLD."segmentId"), (SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId"), 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = OLD."segmentId")) AND (SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId") IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = (SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = OLD."segmentId") AND "documentId" = (SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId");
END;

CREATE TRIGGER "Document_report_stamp_insert" AFTER INSERT ON "Document" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", NEW."id", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND NEW."id" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = NEW."id";
END;

CREATE TRIGGER "Document_report_stamp_update" AFTER UPDATE ON "Document" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT OLD."projectId", OLD."id", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = OLD."projectId") AND OLD."id" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = OLD."projectId" AND "documentId" = OLD."id";
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", NEW."id", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND NEW."id" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = NEW."id";
END;

CREATE TRIGGER "Document_report_stamp_delete" AFTER DELETE ON "Document" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT OLD."projectId", OLD."id", 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = OLD."projectId") AND OLD."id" IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = OLD."projectId" AND "documentId" = OLD."id";
END;

CREATE TRIGGER "Target_report_stamp_insert" AFTER INSERT ON "Target" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "Target_report_stamp_update" AFTER UPDATE ON "Target" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "Target_report_stamp_delete" AFTER DELETE ON "Target" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT OLD."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = OLD."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = OLD."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "Source_report_stamp_insert" AFTER INSERT ON "Source" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "Source_report_stamp_update" AFTER UPDATE ON "Source" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "Source_report_stamp_delete" AFTER DELETE ON "Source" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT OLD."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = OLD."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = OLD."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "SourceAlias_report_stamp_insert" AFTER INSERT ON "SourceAlias" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "SourceAlias_report_stamp_update" AFTER UPDATE ON "SourceAlias" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "SourceAlias_report_stamp_delete" AFTER DELETE ON "SourceAlias" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT OLD."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = OLD."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = OLD."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "OutletAlias_report_stamp_insert" AFTER INSERT ON "OutletAlias" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "OutletAlias_report_stamp_update" AFTER UPDATE ON "OutletAlias" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "OutletAlias_report_stamp_delete" AFTER DELETE ON "OutletAlias" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT OLD."projectId", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = OLD."projectId") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = OLD."projectId" AND "documentId" = '';
END;

CREATE TRIGGER "Project_report_stamp_update" AFTER UPDATE ON "Project" BEGIN
  INSERT OR IGNORE INTO "ReportStamp" ("projectId", "documentId", "version")
    SELECT NEW."id", '', 0 WHERE EXISTS (SELECT 1 FROM "Project" WHERE "id" = NEW."id") AND '' IS NOT NULL;
  UPDATE "ReportStamp" SET "version" = "version" + 1 WHERE "projectId" = NEW."id" AND "documentId" = '';
END;

CREATE TRIGGER "Project_report_stamp_delete" AFTER DELETE ON "Project" BEGIN
  DELETE FROM "ReportStamp" WHERE "projectId" = OLD."id";
END;

-- Backfill: a counter for every existing document and project (derived from stored rows only).
INSERT INTO "ReportStamp" ("projectId", "documentId", "version") SELECT "projectId", "id", 1 FROM "Document";
INSERT INTO "ReportStamp" ("projectId", "documentId", "version") SELECT "id", '', 1 FROM "Project";
