import "server-only";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { lockProject, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole, type ProjectAccess } from "@/server/access";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import { OutletNames, outletKey } from "@/lib/outlets/aliases";
import { Masker, rangeToMasked, toMasked, type MaskedText, type Replacement } from "@/lib/outlets/mask";
import { outletAliasesInput, type OutletAliasesInput } from "@/lib/validation/outlets";
import type { DimensionKind } from "@/lib/schema/types";

/**
 * Outlet aliases (managers edit them in Settings) and outlet-blind annotation: what an annotator
 * of an outlet-blind project is shown of a document. Every read an annotator can reach goes
 * through `outletBlinding`: null for people who see everything (reviewers, managers, and everyone
 * while the setting is off), else the masker of each document.
 */

export async function readOutletNames(db: Db | Tx, projectId: string): Promise<OutletNames> {
  return new OutletNames(await db.outletAlias.findMany({ where: { projectId }, select: { outlet: true, alias: true } }));
}

/** Masks the documents of one project for one reader; one automaton per outlet and author. */
export class OutletBlinding {
  private readonly maskers = new Map<string, Masker>();
  constructor(readonly names: OutletNames) {}

  masker(doc: { outlet: string | null; author?: string | null }): Masker {
    const key = JSON.stringify([doc.outlet, doc.author ?? null]);
    let m = this.maskers.get(key);
    if (!m) this.maskers.set(key, (m = new Masker(this.names.maskTerms({ outlet: doc.outlet, author: doc.author ?? null }))));
    return m;
  }

  /** A document's metadata as the annotator sees it: no outlet, author or URL; names masked in the title. */
  fields<T extends { title: string; outlet: string | null; author?: string | null; url?: string | null }>(doc: T): T {
    const blank = { outlet: null, ...("author" in doc ? { author: null } : {}), ...("url" in doc ? { url: null } : {}) };
    return { ...doc, title: this.masker(doc).mask(doc.title).text, ...blank };
  }
}

/** Null when the actor sees outlets (not an annotator, or the project is not outlet-blind). */
export async function outletBlinding(
  db: Db | Tx,
  access: ProjectAccess,
  project?: { outletBlindAt: Date | null },
): Promise<OutletBlinding | null> {
  if (access.role !== "ANNOTATOR") return null;
  const p = project ?? (await db.project.findUniqueOrThrow({ where: { id: access.projectId }, select: { outletBlindAt: true } }));
  if (p.outletBlindAt === null) return null;
  return new OutletBlinding(await readOutletNames(db, access.projectId));
}

/** Sentence offsets in the masked text: a boundary inside a hidden name goes before it, so no sentence cuts a placeholder. */
export function maskedSegments<T extends { start: number; end: number }>(segments: readonly T[], masks: readonly Replacement[]): T[] {
  if (!masks.length) return [...segments];
  return segments.map((s) => ({ ...s, start: toMasked(masks, s.start, "start"), end: toMasked(masks, s.end, "start") }));
}

/**
 * A label's value as shown on the masked text: spans in masked offsets, free text with the names
 * masked. Values of other kinds are value ids, left as they are.
 */
export function maskedValue(kind: DimensionKind | undefined, value: unknown, masker: Masker, masks: readonly Replacement[]): unknown {
  if (kind === "text" && typeof value === "string") return masker.mask(value).text;
  if (kind === "span" && Array.isArray(value))
    return value.map((s: { start: number; end: number }) => ({ ...s, ...rangeToMasked(masks, s) }));
  return value;
}

export type { MaskedText };

// --- the alias table (managers) ------------------------------------------------------------------

/** The project's outlets (as documents name them, and as aliases point to them) with their aliases and documents. */
export async function getOutletAliases(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "change the outlet aliases");
  const [aliases, outlets] = await Promise.all([
    db.outletAlias.findMany({ where: { projectId: access.projectId }, orderBy: { alias: "asc" }, select: { outlet: true, alias: true } }),
    db.document.groupBy({ by: ["outlet"], where: { projectId: access.projectId, outlet: { not: null } }, _count: { _all: true } }),
  ]);
  const names = new OutletNames(aliases);
  const rows = new Map<string, { outlet: string; aliases: string[]; documents: number }>();
  const row = (outlet: string) => {
    const key = outletKey(outlet);
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { outlet, aliases: [], documents: 0 }));
    return r;
  };
  for (const a of aliases) row(a.outlet).aliases.push(a.alias);
  for (const o of outlets) if (o.outlet?.trim()) row(names.resolve(o.outlet)!).documents += o._count._all;
  return { access, outlets: [...rows.values()].sort((a, b) => a.outlet.localeCompare(b.outlet)) };
}

/** Replaces the project's alias table; reports and masking use it from the next read on. */
export async function updateOutletAliases(actor: Actor, projectRef: string, input: OutletAliasesInput) {
  const data = parseInput(outletAliasesInput, input);
  return writeTransaction(async (tx) => {
    const access = await projectAccess(tx, actor, projectRef);
    requireRole(access, ["MANAGER"], "change the outlet aliases");
    // Two managers saving at once: the second replaces the table as the first left it.
    await lockProject(tx, access.projectId, "structure");
    const before = await tx.outletAlias.findMany({
      where: { projectId: access.projectId },
      orderBy: { key: "asc" },
      select: { outlet: true, alias: true },
    });
    const after = data.outlets
      .flatMap((o) => o.aliases.map((alias) => ({ outlet: o.outlet, alias })))
      .sort((a, b) => outletKey(a.alias).localeCompare(outletKey(b.alias)));
    const same = (x: { outlet: string; alias: string }[]) => JSON.stringify(x.map((a) => [a.outlet, a.alias]));
    if (same(before.sort((a, b) => outletKey(a.alias).localeCompare(outletKey(b.alias)))) === same(after))
      return { aliases: after.length, changed: false };
    await tx.outletAlias.deleteMany({ where: { projectId: access.projectId } });
    if (after.length)
      await tx.outletAlias.createMany({
        data: after.map((a) => ({ id: newId(), projectId: access.projectId, outlet: a.outlet, alias: a.alias, key: outletKey(a.alias) })),
      });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "project.outlet_aliases",
      entityType: "project",
      entityId: access.projectId,
      before: { aliases: before },
      after: { aliases: after },
    });
    return { aliases: after.length, changed: true };
  });
}
