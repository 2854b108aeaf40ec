import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { InvalidError } from "@/server/errors";
import { newId } from "@/lib/ids";
import { documentInput, type DocumentInput } from "@/lib/validation/projects";
import { describeZodError } from "@/lib/validation/users";
import { segmentText } from "@/lib/segment";

export function textHash(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Stores documents with their segmentation, inside the caller's transaction (an import is
 * all-or-nothing per file). Exact duplicates (same text in the project) are skipped and counted.
 * The caller has already checked that the actor may add documents to the project.
 */
export async function insertDocuments(tx: Tx, actor: Actor, projectId: string, inputs: DocumentInput[]) {
  const docs = inputs.map((raw, i) => {
    const r = documentInput.safeParse(raw);
    if (!r.success) throw new InvalidError(`document ${i + 1}: ${describeZodError(r.error)}`);
    return { ...r.data, hash: textHash(r.data.text) };
  });
  const existing = new Set(
    (await tx.document.findMany({ where: { projectId, textHash: { in: docs.map((d) => d.hash) } }, select: { textHash: true } })).map((d) => d.textHash),
  );
  let position = await tx.document.count({ where: { projectId } });
  const created: string[] = [];
  let duplicates = 0;
  for (const d of docs) {
    if (existing.has(d.hash)) {
      duplicates++;
      continue;
    }
    existing.add(d.hash);
    const id = newId();
    await tx.document.create({
      data: {
        id,
        projectId,
        externalId: d.externalId,
        title: d.title,
        outlet: d.outlet,
        url: d.url,
        author: d.author,
        publishedAt: d.publishedAt,
        language: d.language,
        text: d.text,
        textHash: d.hash,
        position: position++,
      },
    });
    const segments = segmentText(d.text, { language: d.language });
    await tx.segment.createMany({
      data: segments.map((s, index) => ({
        id: newId(),
        documentId: id,
        index,
        start: s.start,
        end: s.end,
        paragraph: s.paragraph,
        isBoilerplate: s.isBoilerplate,
        boilerplateReason: s.boilerplateReason,
      })),
    });
    created.push(id);
  }
  if (created.length) {
    await audit(tx, actor, { projectId, action: "document.import", entityType: "project", entityId: projectId, after: { created: created.length, duplicates } });
  }
  return { created, duplicates };
}
