-- CreateTable
CREATE TABLE "ReportStamp" (
    "projectId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReportStamp_pkey" PRIMARY KEY ("projectId","documentId")
);

-- CreateTable
CREATE TABLE "ArticleReportCache" (
    "documentId" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "docVersion" INTEGER NOT NULL,
    "projectVersion" INTEGER NOT NULL,
    "report" TEXT NOT NULL,
    "sourceRows" TEXT NOT NULL,

    CONSTRAINT "ArticleReportCache_pkey" PRIMARY KEY ("documentId")
);

-- CreateTable
CREATE TABLE "GroupReportCache" (
    "projectId" TEXT NOT NULL,
    "by" TEXT NOT NULL,
    "stamp" BIGINT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "GroupReportCache_pkey" PRIMARY KEY ("projectId","by")
);

-- CreateIndex
CREATE INDEX "ArticleReportCache_projectId_idx" ON "ArticleReportCache"("projectId");

-- AddForeignKey
ALTER TABLE "ArticleReportCache" ADD CONSTRAINT "ArticleReportCache_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArticleReportCache" ADD CONSTRAINT "ArticleReportCache_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GroupReportCache" ADD CONSTRAINT "GroupReportCache_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The sourcing reports' cache stamps (server/reports/cache.ts): every write a report reads raises
-- its document's counter (or the project's, documentId ''), in the writer's own transaction, so
-- any instance sees a cache entry go stale when the write commits. Declared in prisma/unmodeled.ts.

CREATE FUNCTION "report_stamp_raise"(p TEXT, d TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO "ReportStamp" ("projectId", "documentId", "version")
  SELECT p, d, 1 WHERE d IS NOT NULL AND EXISTS (SELECT 1 FROM "Project" WHERE "id" = p)
  ON CONFLICT ("projectId", "documentId") DO UPDATE SET "version" = "ReportStamp"."version" + 1
$$;

CREATE FUNCTION "Annotation_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD."documentId") IS DISTINCT FROM (NEW."documentId")) THEN PERFORM "report_stamp_raise"(OLD."projectId", OLD."documentId"); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"(NEW."projectId", NEW."documentId"); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Annotation_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Annotation" FOR EACH ROW EXECUTE FUNCTION "Annotation_report_stamp"();

CREATE FUNCTION "SegmentStatus_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD."documentId") IS DISTINCT FROM (NEW."documentId")) THEN PERFORM "report_stamp_raise"((SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId"), OLD."documentId"); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"((SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId"), NEW."documentId"); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "SegmentStatus_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "SegmentStatus" FOR EACH ROW EXECUTE FUNCTION "SegmentStatus_report_stamp"();

CREATE FUNCTION "Segment_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD."documentId") IS DISTINCT FROM (NEW."documentId")) THEN PERFORM "report_stamp_raise"((SELECT d."projectId" FROM "Document" d WHERE d."id" = OLD."documentId"), OLD."documentId"); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"((SELECT d."projectId" FROM "Document" d WHERE d."id" = NEW."documentId"), NEW."documentId"); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Segment_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Segment" FOR EACH ROW EXECUTE FUNCTION "Segment_report_stamp"();

CREATE FUNCTION "GoldLabel_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ((SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId")) IS DISTINCT FROM ((SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId"))) THEN PERFORM "report_stamp_raise"((SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = OLD."segmentId"), (SELECT s."documentId" FROM "Segment" s WHERE s."id" = OLD."segmentId")); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"((SELECT d."projectId" FROM "Segment" s JOIN "Document" d ON d."id" = s."documentId" WHERE s."id" = NEW."segmentId"), (SELECT s."documentId" FROM "Segment" s WHERE s."id" = NEW."segmentId")); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "GoldLabel_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "GoldLabel" FOR EACH ROW EXECUTE FUNCTION "GoldLabel_report_stamp"();

CREATE FUNCTION "Document_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND (OLD."id") IS DISTINCT FROM (NEW."id")) THEN PERFORM "report_stamp_raise"(OLD."projectId", OLD."id"); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"(NEW."projectId", NEW."id"); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Document_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Document" FOR EACH ROW EXECUTE FUNCTION "Document_report_stamp"();

CREATE FUNCTION "Target_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ('') IS DISTINCT FROM ('')) THEN PERFORM "report_stamp_raise"(OLD."projectId", ''); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"(NEW."projectId", ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Target_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Target" FOR EACH ROW EXECUTE FUNCTION "Target_report_stamp"();

CREATE FUNCTION "Source_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ('') IS DISTINCT FROM ('')) THEN PERFORM "report_stamp_raise"(OLD."projectId", ''); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"(NEW."projectId", ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Source_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "Source" FOR EACH ROW EXECUTE FUNCTION "Source_report_stamp"();

CREATE FUNCTION "SourceAlias_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ('') IS DISTINCT FROM ('')) THEN PERFORM "report_stamp_raise"(OLD."projectId", ''); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"(NEW."projectId", ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "SourceAlias_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "SourceAlias" FOR EACH ROW EXECUTE FUNCTION "SourceAlias_report_stamp"();

CREATE FUNCTION "OutletAlias_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ('') IS DISTINCT FROM ('')) THEN PERFORM "report_stamp_raise"(OLD."projectId", ''); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"(NEW."projectId", ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "OutletAlias_report_stamp" AFTER INSERT OR UPDATE OR DELETE ON "OutletAlias" FOR EACH ROW EXECUTE FUNCTION "OutletAlias_report_stamp"();

CREATE FUNCTION "Project_report_stamp"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND ('') IS DISTINCT FROM ('')) THEN PERFORM "report_stamp_raise"(OLD."id", ''); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "report_stamp_raise"(NEW."id", ''); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Project_report_stamp" AFTER UPDATE ON "Project" FOR EACH ROW EXECUTE FUNCTION "Project_report_stamp"();

CREATE FUNCTION "Project_report_stamp_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "ReportStamp" WHERE "projectId" = OLD."id";
  RETURN NULL;
END $$;
CREATE TRIGGER "Project_report_stamp_delete" AFTER DELETE ON "Project" FOR EACH ROW EXECUTE FUNCTION "Project_report_stamp_delete"();

-- Backfill: a counter for every existing document and project (derived from stored rows only).
INSERT INTO "ReportStamp" ("projectId", "documentId", "version") SELECT "projectId", "id", 1 FROM "Document";
INSERT INTO "ReportStamp" ("projectId", "documentId", "version") SELECT "id", '', 1 FROM "Project";
