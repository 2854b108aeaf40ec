import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { parseInput } from "@/server/parse-input";
import { insertRows } from "@/server/db/insert-rows";
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

/**
 * Validates, hashes and segments documents: CPU work kept out of the write transaction.
 * `firstNumber` numbers the first input in error messages (a file prepared a part at a time).
 */
export function prepareDocuments(inputs: DocumentInput[], firstNumber = 1): PreparedDocument[] {
  return inputs.map((raw, i) => {
    const data = parseInput(documentInput, raw, `document ${firstNumber + i}`);
    return { data, hash: textHash(data.text), segments: segmentText(data.text, { language: data.language }) };
  });
}

const DOCUMENT_COLUMNS = [
  "id",
  "projectId",
  "externalId",
  "title",
  "outlet",
  "story",
  "url",
  "author",
  "publishedAt",
  "language",
  "text",
  "textHash",
  "position",
  "createdAt",
];
const SEGMENT_COLUMNS = ["id", "documentId", "index", "start", "end", "paragraph", "isBoilerplate", "boilerplateReason", "kind"];

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
  const rows: unknown[][] = [];
  const ids: string[] = [];
  // Given, not the column's default: SQLite's default is CURRENT_TIMESTAMP text, not the format Prisma writes and compares.
  const createdAt = new Date();
  const segmentRows: unknown[][] = [];
  let duplicates = 0;
  for (const { data: d, hash, segments } of docs) {
    if (existing.has(hash)) {
      duplicates++;
      continue;
    }
    existing.add(hash);
    const id = newId();
    ids.push(id);
    rows.push([
      id,
      projectId,
      d.externalId ?? null,
      d.title,
      d.outlet ?? null,
      d.story ?? null,
      d.url ?? null,
      d.author ?? null,
      d.publishedAt ?? null,
      d.language,
      d.text,
      hash,
      position++,
      createdAt,
    ]);
    segments.forEach((s, index) =>
      segmentRows.push([newId(), id, index, s.start, s.end, s.paragraph, s.isBoilerplate, s.boilerplateReason, s.kind]),
    );
  }
  if (rows.length) {
    await insertRows(tx, "Document", DOCUMENT_COLUMNS, rows);
    await insertRows(tx, "Segment", SEGMENT_COLUMNS, segmentRows);
    await audit(tx, actor, {
      projectId,
      action: "document.import",
      entityType: "project",
      entityId: projectId,
      after: { created: rows.length, duplicates },
    });
  }
  return { created: ids, duplicates };
}
