import "server-only";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { parseInput } from "@/server/parse-input";
import { csvRow } from "@/lib/formats/csv-write";
import { SOURCE_COLUMNS } from "@/lib/reports/csv";
import { articleReportsQuery } from "@/lib/validation/reports";
import { reportContext, requireReportAccess } from "./article";
import { cachedArticles, reportOrder } from "./cache";

/** Documents per chunk of the stream: one read of the cache (and one computation of the stale ones). */
const PAGE_DOCUMENTS = 500;

/**
 * Every article report of the project as a file, streamed a page of documents at a time (memory
 * holds one page): one row per article × source (`csv`, the columns of lib/reports/csv.ts) or one
 * report per line (`jsonl`). Default label policy; the rows come from the cache (cache.ts), each
 * page's stale documents computed as it goes out. Same access rule as the report pages.
 */
export async function streamArticleReports(actor: Actor, projectRef: string, raw: { format?: string } = {}) {
  const { format } = parseInput(articleReportsQuery, raw);
  const db = await getDb();
  const ctx = await reportContext(db, actor, projectRef);
  requireReportAccess(ctx.access, ctx.project);
  const projectId = ctx.project.id;
  const ids = await reportOrder(db, projectId);
  const encoder = new TextEncoder();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    if (format === "csv") yield encoder.encode(csvRow(SOURCE_COLUMNS));
    for (let i = 0; i < ids.length; i += PAGE_DOCUMENTS) {
      const page = ids.slice(i, i + PAGE_DOCUMENTS);
      const cached = await cachedArticles(db, projectId, page);
      let out = "";
      for (const id of page) {
        const c = cached.get(id);
        if (c) out += format === "csv" ? c.sourceRows : `${c.report}\n`;
      }
      yield encoder.encode(out);
    }
  }
  return {
    filename: `${ctx.project.slug}-sourcing-articles.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    chunks: chunks(),
  };
}
