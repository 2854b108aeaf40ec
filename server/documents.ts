import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { parseInput } from "@/server/parse-input";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { documentInput, type DocumentInput } from "@/lib/validation/projects";
import { segmentText, type Segment } from "@/lib/segment";

export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** A validated document with its hash and segmentation, computed before any transaction opens. */
export interface PreparedDocument {
  data: ReturnType<typeof documentInput.parse>;
  hash: string;
  segments: Segment[];
}

/** Validates, hashes and segments documents: CPU work kept out of the write transaction. */
export function prepareDocuments(inputs: DocumentInput[]): PreparedDocument[] {
  return inputs.map((raw, i) => {
    const data = parseInput(documentInput, raw, `document ${i + 1}`);
    return { data, hash: textHash(data.text), segments: segmentText(data.text, { language: data.language }) };
  });
}

type DocumentRow = Omit<PreparedDocument["data"], "text"> & {
  id: string;
  projectId: string;
  text: string;
  textHash: string;
  position: number;
};

const SEGMENT_COLUMNS = ["id", "documentId", "index", "start", "end", "paragraph", "isBoilerplate", "boilerplateReason", "kind"];
const ROWS_PER_STATEMENT = 500;

/** Segment rows in multi-row INSERTs (Prisma's createMany costs ~10× more per row here). */
async function insertSegmentRows(tx: Tx, rows: unknown[][]) {
  const pg = env().database.provider === "postgresql";
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    const batch = rows.slice(i, i + ROWS_PER_STATEMENT);
    let n = 0;
    const values = batch.map((r) => `(${r.map(() => (pg ? `$${++n}` : "?")).join(", ")})`).join(", ");
    const params = batch.flatMap((r) => r.map((v) => (typeof v === "boolean" && !pg ? Number(v) : v)));
    await tx.$executeRawUnsafe(`INSERT INTO "Segment" (${SEGMENT_COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`, ...params);
  }
}

/**
 * Stores documents with their segmentation, inside the caller's transaction (an import is
 * all-or-nothing per file). Exact duplicates (same text in the project) are skipped and counted.
 * The caller has already checked that the actor may add documents to the project. Pass prepared
 * documents (prepareDocuments) to keep segmentation out of the transaction.
 */
export async function insertDocuments(tx: Tx, actor: Actor, projectId: string, inputs: DocumentInput[] | PreparedDocument[]) {
  const docs = (inputs.length && "hash" in inputs[0]! ? inputs : prepareDocuments(inputs as DocumentInput[])) as PreparedDocument[];
  const existing = new Set(
    (await tx.document.findMany({ where: { projectId, textHash: { in: docs.map((d) => d.hash) } }, select: { textHash: true } })).map(
      (d) => d.textHash,
    ),
  );
  let position = await tx.document.count({ where: { projectId } });
  const rows: DocumentRow[] = [];
  const segmentRows: unknown[][] = [];
  let duplicates = 0;
  for (const { data: d, hash, segments } of docs) {
    if (existing.has(hash)) {
      duplicates++;
      continue;
    }
    existing.add(hash);
    const id = newId();
    rows.push({
      id,
      projectId,
      externalId: d.externalId,
      title: d.title,
      outlet: d.outlet,
      story: d.story,
      url: d.url,
      author: d.author,
      publishedAt: d.publishedAt,
      language: d.language,
      text: d.text,
      textHash: hash,
      position: position++,
    });
    segments.forEach((s, index) =>
      segmentRows.push([newId(), id, index, s.start, s.end, s.paragraph, s.isBoilerplate, s.boilerplateReason, s.kind]),
    );
  }
  if (rows.length) {
    await tx.document.createMany({ data: rows });
    await insertSegmentRows(tx, segmentRows);
    await audit(tx, actor, {
      projectId,
      action: "document.import",
      entityType: "project",
      entityId: projectId,
      after: { created: rows.length, duplicates },
    });
  }
  return { created: rows.map((r) => r.id), duplicates };
}
