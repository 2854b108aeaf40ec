import "server-only";
import { randomBytes } from "node:crypto";
import { Prisma } from "@/lib/generated/sqlite/client";
import { getDb, type Tx } from "@/server/db/client";
import { lockProject, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole } from "@/server/access";
import { textHash } from "@/server/documents";
import { kickSuggestions, queueSuggestionRuns } from "@/server/suggestions/jobs";
import { projectSchema } from "@/server/label-schema";
import { ConflictError, InvalidError } from "@/server/errors";
import { newId } from "@/lib/ids";
import { parseSlantJsonl, type SlantDocument, type SlantLabel } from "@/lib/formats/slant";
import type { LabelSchema } from "@/lib/schema/schema";
import { validateAnnotationValue } from "@/lib/schema/values";
import { documentInput } from "@/lib/validation/projects";
import { describeZodError } from "@/lib/validation/zod-error";

/**
 * Imports a Slant JSONL export into a project with every annotator's labels, confirmations and
 * the gold labels, so that exporting the new project gives the same records (and, from format
 * version 2 on, the same document texts and offsets). The article import
 * (server/imports.ts) stores documents only; this one stores labels, so it keeps the exported
 * segmentation instead of segmenting again.
 *
 * Annotators are pseudonymous in the file: each becomes a placeholder user, disabled (it can
 * never sign in), named after its pseudonym, and an annotator member of the project; gold labels
 * are "decided by" a placeholder named "gold". The whole file is one transaction. Suggestions in
 * the file (format 3) are not stored: the new documents' runs are queued for this server's providers.
 */

export interface SlantImportReport {
  /** The file's format versions (lib/formats/slant.ts): 1 rebuilds the text between sentences with spaces, 2 exactly. */
  formatVersions: number[];
  documents: number;
  duplicates: number;
  sentences: number;
  labels: number;
  gold: number;
  annotators: { pseudonym: string; userId: string }[];
}

const stored = (v: unknown) => (v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue));
const rank = (p: string) => Number(/^annotator_(\d+)$/.exec(p)?.[1] ?? Number.MAX_SAFE_INTEGER);

/** Checks every label against the project's schema and targets; returns them in stored (normalised) form. */
function validated(schema: LabelSchema, targets: string[], doc: SlantDocument, labels: SlantLabel[], errors: string[]): SlantLabel[] {
  return labels.flatMap((l) => {
    const seg = doc.segments.find((s) => s.index === l.segmentIndex)!;
    if (l.value === null) return [l]; // a gold "none" for one target
    const r = validateAnnotationValue(
      schema,
      { dimension: l.dimension, target: l.target || null, value: l.value },
      { targets, segment: seg, text: doc.text },
    );
    if (!r.ok) {
      errors.push(`document "${doc.title}", sentence ${l.segmentIndex}, ${l.annotator}: ${r.error}`);
      return [];
    }
    return [{ ...l, value: r.value }];
  });
}

async function placeholder(tx: Tx, projectId: string, name: string): Promise<string> {
  const id = newId();
  await tx.user.create({
    data: { id, email: `${name}.${randomBytes(6).toString("hex")}@import.slant.invalid`, name, passwordHash: "!", disabled: true },
  });
  await tx.projectMember.create({ data: { id: newId(), projectId, userId: id, role: name === "gold" ? "REVIEWER" : "ANNOTATOR" } });
  return id;
}

export async function importSlantJsonl(actor: Actor, projectRef: string, bytes: Uint8Array): Promise<SlantImportReport> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "import documents");
  const parsed = parseSlantJsonl(bytes);
  if (parsed.errors.length) {
    const shown = parsed.errors.slice(0, 20).map((e) => (e.line ? `line ${e.line}: ${e.reason}` : e.reason));
    throw new InvalidError(`The file is not a Slant export this project can take: ${shown.join("; ")}`, {
      errors: parsed.errors.slice(0, 1000),
    });
  }
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.projectId },
    select: { id: true, schemaVersion: true, labelSchema: true, targets: { select: { id: true, key: true } } },
  });
  const schema = projectSchema(project);
  const targets = project.targets.map((t) => t.key);
  const errors: string[] = [];
  // The same limits as any other document (title, length of the text, metadata).
  for (const d of parsed.documents) {
    const r = documentInput.safeParse({
      title: d.title,
      text: d.text,
      outlet: d.outlet ?? undefined,
      story: d.story ?? undefined,
      url: d.url ?? undefined,
      author: d.author ?? undefined,
      publishedAt: d.publishedAt ?? undefined,
      language: d.language,
      externalId: d.externalId ?? undefined,
    });
    if (!r.success) errors.push(`document "${d.title}" (${d.sourceId}): ${describeZodError(r.error)}`);
  }
  const docs = parsed.documents.map((d) => ({
    ...d,
    labels: validated(schema, targets, d, d.labels, errors),
    gold: validated(schema, targets, d, d.gold, errors),
  }));
  if (errors.length)
    throw new InvalidError(`Documents or labels this project refuses: ${errors.slice(0, 20).join("; ")}`, {
      errors: errors.slice(0, 1000),
    });

  const pseudonyms = [...parsed.annotators].sort((a, b) => rank(a) - rank(b));
  // Labels of annotator_k are created at t0 + k ms: the next export numbers the annotators the same way.
  const times = docs.flatMap((d) => d.entries.map((e) => Date.parse(e.updatedAt)));
  const t0 = (times.length ? Math.min(...times) : Date.now()) - 1000;
  const labelCount = docs.reduce((n, d) => n + d.labels.length + d.gold.length, 0);
  const sentences = docs.reduce((n, d) => n + d.segments.length, 0);

  const result = await writeTransaction(
    async (tx) => {
      // The labels were checked against this schema and these targets: they must still hold when stored.
      await lockProject(tx, project.id, "labels");
      const now = await tx.project.findUniqueOrThrow({
        where: { id: project.id },
        select: { schemaVersion: true, targets: { select: { key: true } } },
      });
      if (
        now.schemaVersion !== project.schemaVersion ||
        now.targets
          .map((t) => t.key)
          .sort()
          .join("\n") !== [...targets].sort().join("\n")
      )
        throw new ConflictError("The project's label schema or targets changed while the file was being checked; import it again");
      const userOf = new Map<string, string>();
      for (const p of pseudonyms) userOf.set(p, await placeholder(tx, project.id, p));
      const goldUser = docs.some((d) => d.gold.length) ? await placeholder(tx, project.id, "gold") : null;
      const order = new Map(pseudonyms.map((p, i) => [p, i]));
      let position = await tx.document.count({ where: { projectId: project.id } });
      const created: string[] = [];
      const report: SlantImportReport = {
        formatVersions: parsed.formatVersions,
        documents: 0,
        duplicates: 0,
        sentences: 0,
        labels: 0,
        gold: 0,
        annotators: pseudonyms.map((p) => ({ pseudonym: p, userId: userOf.get(p)! })),
      };
      for (const d of docs) {
        const hash = textHash(d.text);
        if (await tx.document.findFirst({ where: { projectId: project.id, textHash: hash }, select: { id: true } })) {
          report.duplicates++;
          continue;
        }
        const documentId = newId();
        await tx.document.create({
          data: {
            id: documentId,
            projectId: project.id,
            externalId: d.externalId,
            title: d.title,
            outlet: d.outlet,
            story: d.story,
            url: d.url,
            author: d.author,
            publishedAt: d.publishedAt ? new Date(d.publishedAt) : null,
            language: d.language,
            text: d.text,
            textHash: hash,
            position: position++,
          },
        });
        const segmentId = new Map(d.segments.map((s) => [s.index, newId()]));
        await tx.segment.createMany({ data: d.segments.map((s) => ({ id: segmentId.get(s.index)!, documentId, ...s })) });
        const updatedAt = new Map(d.entries.map((e) => [`${e.segmentIndex}:${e.annotator}`, new Date(e.updatedAt)]));
        const withLabels = new Set(d.labels.map((l) => `${l.segmentIndex}:${l.annotator}`));
        await tx.annotation.createMany({
          data: d.labels.map((l) => ({
            id: newId(),
            projectId: project.id,
            documentId,
            segmentId: segmentId.get(l.segmentIndex)!,
            userId: userOf.get(l.annotator)!,
            dimension: l.dimension,
            target: l.target,
            value: stored(l.value),
            createdAt: new Date(t0 + order.get(l.annotator)!),
            updatedAt: updatedAt.get(`${l.segmentIndex}:${l.annotator}`)!,
          })),
        });
        // A status row where the file says confirmed, or where the annotator has no label (they touched the sentence).
        await tx.segmentStatus.createMany({
          data: d.entries
            .filter((e) => e.confirmed || !withLabels.has(`${e.segmentIndex}:${e.annotator}`))
            .map((e) => ({
              id: newId(),
              documentId,
              segmentId: segmentId.get(e.segmentIndex)!,
              userId: userOf.get(e.annotator)!,
              confirmedAt: e.confirmed ? new Date(e.updatedAt) : null,
              // What the confirmation covered: the targets the file shows judged (a stance or "none").
              confirmedTargets: e.confirmed
                ? project.targets.filter((t) => e.targets?.includes(t.key) ?? true).map((t) => t.id)
                : Prisma.DbNull,
              updatedAt: new Date(e.updatedAt),
            })),
        });
        if (goldUser && d.gold.length) {
          await tx.goldLabel.createMany({
            data: d.gold.map((g) => ({
              id: newId(),
              segmentId: segmentId.get(g.segmentIndex)!,
              dimension: g.dimension,
              target: g.target,
              value: stored(g.value),
              decidedById: goldUser,
            })),
          });
        }
        created.push(documentId);
        report.documents++;
        report.sentences += d.segments.length;
        report.labels += d.labels.length;
        report.gold += d.gold.length;
      }
      await audit(tx, actor, {
        projectId: project.id,
        action: "document.import",
        entityType: "project",
        entityId: project.id,
        after: { format: "slant-jsonl", ...report, annotators: pseudonyms.length },
      });
      // A file's suggestions are not copied: this server's providers compute them, as at every import.
      await queueSuggestionRuns(tx, project.id, created, { newDocuments: true });
      return report;
    },
    { timeout: Math.min(60_000 + 5 * (labelCount + sentences), 15 * 60_000), maxWait: 60_000 },
  );
  kickSuggestions();
  return result;
}
