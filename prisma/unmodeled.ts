/**
 * Database objects that Prisma does not model, per provider: full-text search tables and their
 * triggers, partial or expression indexes... Each is created by a committed migration (written by
 * hand, or appended to one that `npm run db:diff` wrote), and named here so that no later diff
 * drops it: `npm run db:diff` and `npm run db:check` leave declared tables alone, never drop a
 * declared index or trigger, and re-create them after a SQLite table rebuild. A declared object
 * that the migrations do not create fails both. See "One schema, two providers" in the README.
 */
import type { Unmodeled } from "../scripts/schema-diff.mjs";

const unmodeled: Unmodeled = {
  // The sourcing reports' cache stamps (prisma/migrations/*/…_report_cache, server/reports/cache.ts).
  sqlite: {
    tables: [],
    indexes: [],
    triggers: [
      "Annotation_report_stamp_insert",
      "Annotation_report_stamp_update",
      "Annotation_report_stamp_delete",
      "SegmentStatus_report_stamp_insert",
      "SegmentStatus_report_stamp_update",
      "SegmentStatus_report_stamp_delete",
      "Segment_report_stamp_insert",
      "Segment_report_stamp_update",
      "Segment_report_stamp_delete",
      "GoldLabel_report_stamp_insert",
      "GoldLabel_report_stamp_update",
      "GoldLabel_report_stamp_delete",
      "Document_report_stamp_insert",
      "Document_report_stamp_update",
      "Document_report_stamp_delete",
      "Target_report_stamp_insert",
      "Target_report_stamp_update",
      "Target_report_stamp_delete",
      "Source_report_stamp_insert",
      "Source_report_stamp_update",
      "Source_report_stamp_delete",
      "SourceAlias_report_stamp_insert",
      "SourceAlias_report_stamp_update",
      "SourceAlias_report_stamp_delete",
      "OutletAlias_report_stamp_insert",
      "OutletAlias_report_stamp_update",
      "OutletAlias_report_stamp_delete",
      "Project_report_stamp_update",
      "Project_report_stamp_delete",
    ],
  },
  postgresql: {
    tables: [],
    indexes: [],
    triggers: [
      "Annotation_report_stamp",
      "SegmentStatus_report_stamp",
      "Segment_report_stamp",
      "GoldLabel_report_stamp",
      "Document_report_stamp",
      "Target_report_stamp",
      "Source_report_stamp",
      "SourceAlias_report_stamp",
      "OutletAlias_report_stamp",
      "Project_report_stamp",
      "Project_report_stamp_delete",
    ],
  },
};
export default unmodeled;
