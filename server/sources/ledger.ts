import "server-only";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { lockProject, uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { audit } from "@/server/audit";
import { projectAccess, requireRole, type ProjectAccess } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import { dimensionValues, getDimension } from "@/lib/schema/helpers";
import { sourcingDimensions } from "@/lib/schema/roles";
import { sourceNameKey, sourceResolver, typedNames, type NameOption, type SourceResolver } from "@/lib/sources/names";
import {
  createSourceInput,
  linkNamesInput,
  mergeSourcesInput,
  sourceAttributesInput,
  splitAliasesInput,
  updateSourceInput,
  type CreateSourceInput,
  type LinkNamesInput,
  type MergeSourcesInput,
  type SourceAttributesInput,
  type SplitAliasesInput,
  type UpdateSourceInput,
} from "@/lib/validation/sources";

/**
 * The source ledger of a project (issue 16): entries (canonical name, type, side, attributes) and
 * the aliases that map typed names to them. Labels are never touched: a merge moves aliases, an
 * unmerge (split) moves them back out, each one transaction. Every write takes the project's
 * "sources" lock first (server/db/transaction.ts), so a merge and an alias created at the same
 * moment happen one after the other, never half of each.
 *
 * Managers change the ledger; reviewers and managers read it (its pending names are every
 * annotator's typed names, which a blind project shows to no annotator). Strangers: "not found".
 */

export interface LedgerAlias {
  id: string;
  name: string;
  key: string;
  /** Labels whose name has this key. */
  labels: number;
}
export interface LedgerSource {
  id: string;
  name: string;
  type: string | null;
  side: string | null;
  attributes: Record<string, string | null>;
  aliases: LedgerAlias[];
  /** Labels resolved to this entry (through any alias). */
  labels: number;
}
export interface SourceLedger {
  project: { id: string; slug: string; name: string };
  access: ProjectAccess;
  /** The attribute names the project records per source. */
  attributes: string[];
  /** Choices for type and side, from the schema (id → display name); empty when the schema lacks the role. */
  types: { id: string; label: string }[];
  sides: { id: string; label: string }[];
  sources: LedgerSource[];
  /** Typed names no alias knows, most used first: a manager approves or links each. */
  pending: { name: string; key: string; labels: number }[];
}

const asAttributes = (v: unknown): Record<string, string | null> =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, string | null>) : {};
const asNames = (v: unknown): string[] => (Array.isArray(v) ? v.filter((n): n is string => typeof n === "string") : []);

/** The project's resolver, for reports, agreement and the workspace. */
export async function loadSourceResolver(db: Db | Tx, projectId: string): Promise<SourceResolver> {
  const [sources, aliases] = await Promise.all([
    db.source.findMany({ where: { projectId }, select: { id: true, name: true, type: true, side: true } }),
    db.sourceAlias.findMany({ where: { projectId }, select: { key: true, sourceId: true } }),
  ]);
  return sourceResolver(sources, aliases);
}

/** The schema's choices for an entry's type and side, and the dimension names are typed in. */
async function ledgerSchema(db: Db | Tx, projectId: string) {
  const project = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: {
      id: true,
      slug: true,
      name: true,
      labelSchema: true,
      schemaVersion: true,
      sourceAttributes: true,
      targets: { orderBy: { position: "asc" }, select: { key: true, name: true } },
    },
  });
  const schema = projectSchema(project);
  const dims = sourcingDimensions(schema);
  const values = (dimension: string | undefined) =>
    dimension ? dimensionValues(getDimension(schema, dimension)!).map((v) => ({ id: v.id, label: v.label })) : [];
  return {
    project,
    nameDimension: dims.sourceName?.dimension ?? null,
    types: values(dims.sourceType?.dimension),
    sides: dims.sourceSide ? [...project.targets.map((t) => ({ id: t.key, label: t.name })), ...values(dims.sourceSide.dimension)] : [],
    attributes: asNames(project.sourceAttributes),
  };
}
type LedgerSchema = Awaited<ReturnType<typeof ledgerSchema>>;

/** Every name typed in the project's source-name labels (annotators' and gold). */
async function typedNameValues(db: Db | Tx, projectId: string, dimension: string | null): Promise<unknown[]> {
  if (!dimension) return [];
  const [labels, gold] = await Promise.all([
    db.annotation.findMany({ where: { projectId, dimension }, select: { value: true } }),
    db.goldLabel.findMany({ where: { dimension, segment: { document: { projectId } } }, select: { value: true } }),
  ]);
  return [...labels, ...gold].map((l) => l.value);
}

export async function getSourceLedger(actor: Actor, projectRef: string): Promise<SourceLedger> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER", "REVIEWER"], "see the source ledger");
  const s = await ledgerSchema(db, access.projectId);
  const [sources, aliases, values] = await Promise.all([
    db.source.findMany({ where: { projectId: access.projectId }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    db.sourceAlias.findMany({ where: { projectId: access.projectId }, orderBy: [{ name: "asc" }, { id: "asc" }] }),
    typedNameValues(db, access.projectId, s.nameDimension),
  ]);
  const typed = new Map(typedNames(values).map((t) => [t.key, t]));
  const aliasesOf = new Map<string, LedgerAlias[]>();
  for (const a of aliases) {
    const row = { id: a.id, name: a.name, key: a.key, labels: typed.get(a.key)?.labels ?? 0 };
    const list = aliasesOf.get(a.sourceId);
    if (list) list.push(row);
    else aliasesOf.set(a.sourceId, [row]);
  }
  const known = new Set(aliases.map((a) => a.key));
  const { id, slug, name } = s.project;
  return {
    project: { id, slug, name },
    access,
    attributes: s.attributes,
    types: s.types,
    sides: s.sides,
    sources: sources.map((src) => {
      const list = aliasesOf.get(src.id) ?? [];
      return {
        id: src.id,
        name: src.name,
        type: src.type,
        side: src.side,
        attributes: asAttributes(src.attributes),
        aliases: list,
        labels: list.reduce((n, a) => n + a.labels, 0),
      };
    }),
    pending: [...typed.values()]
      .filter((t) => !known.has(t.key))
      .sort((a, b) => b.labels - a.labels || a.name.localeCompare(b.name))
      .map(({ name, key, labels }) => ({ name, key, labels })),
  };
}

/** A manager's ledger write: access, the project's "sources" lock, the schema's choices, one transaction. */
async function ledgerWrite<T>(actor: Actor, projectRef: string, run: (tx: Tx, projectId: string, s: LedgerSchema) => Promise<T>) {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], "change the source ledger");
  return writeTransaction(async (tx) => {
    await lockProject(tx, access.projectId, "sources");
    return run(tx, access.projectId, await ledgerSchema(tx, access.projectId));
  });
}

function checkFields(s: LedgerSchema, f: { type?: string | null; side?: string | null; attributes?: Record<string, string | null> }) {
  if (f.type && !s.types.some((t) => t.id === f.type))
    throw new InvalidError(
      `type: "${f.type}" is not a source type of this project (${s.types.map((t) => t.id).join(", ") || "it has none"})`,
    );
  if (f.side && !s.sides.some((t) => t.id === f.side))
    throw new InvalidError(
      `side: "${f.side}" is not a target or source side of this project (${s.sides.map((t) => t.id).join(", ") || "it has none"})`,
    );
  for (const k of Object.keys(f.attributes ?? {}))
    if (!s.attributes.includes(k))
      throw new InvalidError(
        `attributes: "${k}" is not an attribute of this project's sources (${s.attributes.join(", ") || "it defines none"})`,
      );
}

async function findSource(tx: Tx, projectId: string, sourceId: string) {
  const src = await tx.source.findFirst({ where: { id: sourceId, projectId } });
  if (!src) throw new NotFoundError("Source not found (it may have been merged into another or deleted; reload)");
  return src;
}

/** Aliases for `names` on `sourceId`; a name another entry already has is a conflict naming that entry. */
async function addAliases(tx: Tx, projectId: string, sourceId: string, names: readonly string[]) {
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(sourceNameKey(n))) byKey.set(sourceNameKey(n), n);
  const taken = await tx.sourceAlias.findMany({
    where: { projectId, key: { in: [...byKey.keys()] } },
    select: { key: true, name: true, sourceId: true, source: { select: { name: true } } },
  });
  const elsewhere = taken.filter((t) => t.sourceId !== sourceId);
  if (elsewhere.length)
    throw new ConflictError(
      `Already linked: ${elsewhere.map((t) => `"${t.name}" belongs to "${t.source.name}"`).join("; ")}. Merge the entries, or split the name off first`,
    );
  const have = new Set(taken.map((t) => t.key));
  const fresh = [...byKey.entries()].filter(([k]) => !have.has(k));
  if (fresh.length)
    await uniqueOrRetry(tx.sourceAlias.createMany({ data: fresh.map(([key, name]) => ({ id: newId(), projectId, sourceId, key, name })) }));
  return fresh.map(([, name]) => name);
}

/** A new entry (a pending name approved, or one a manager adds), with its names as aliases. */
export async function createSource(actor: Actor, projectRef: string, raw: CreateSourceInput) {
  const input = parseInput(createSourceInput, raw);
  return ledgerWrite(actor, projectRef, async (tx, projectId, s) => {
    checkFields(s, input);
    const id = newId();
    const data = { name: input.name, type: input.type ?? null, side: input.side ?? null, attributes: input.attributes ?? {} };
    await tx.source.create({ data: { id, projectId, ...data } });
    const names = await addAliases(tx, projectId, id, [input.name, ...(input.names ?? [])]);
    await audit(tx, actor, { projectId, action: "source.create", entityType: "source", entityId: id, after: { ...data, names } });
    return { id, ...data, names };
  });
}

/** Links typed names to an existing entry (aliases). */
export async function linkNames(actor: Actor, projectRef: string, sourceId: string, raw: LinkNamesInput) {
  const input = parseInput(linkNamesInput, raw);
  return ledgerWrite(actor, projectRef, async (tx, projectId) => {
    await findSource(tx, projectId, sourceId);
    const names = await addAliases(tx, projectId, sourceId, input.names);
    if (names.length)
      await audit(tx, actor, { projectId, action: "source.link", entityType: "source", entityId: sourceId, after: { names } });
    return { id: sourceId, linked: names };
  });
}

export async function updateSource(actor: Actor, projectRef: string, sourceId: string, raw: UpdateSourceInput) {
  const input = parseInput(updateSourceInput, raw);
  return ledgerWrite(actor, projectRef, async (tx, projectId, s) => {
    checkFields(s, input);
    const before = await findSource(tx, projectId, sourceId);
    const updated = await tx.source.update({
      where: { id: sourceId },
      data: {
        name: input.name,
        type: input.type,
        side: input.side,
        attributes: input.attributes ? { ...asAttributes(before.attributes), ...input.attributes } : undefined,
      },
      select: { id: true, name: true, type: true, side: true, attributes: true },
    });
    const pick = (r: typeof updated) => ({ name: r.name, type: r.type, side: r.side, attributes: r.attributes });
    await audit(tx, actor, {
      projectId,
      action: "source.update",
      entityType: "source",
      entityId: sourceId,
      before: pick(before),
      after: pick(updated),
    });
    return { ...updated, attributes: asAttributes(updated.attributes) };
  });
}

/** Deletes an entry; its names become pending again. */
export async function deleteSource(actor: Actor, projectRef: string, sourceId: string) {
  return ledgerWrite(actor, projectRef, async (tx, projectId) => {
    const before = await findSource(tx, projectId, sourceId);
    await tx.source.delete({ where: { id: sourceId } });
    await audit(tx, actor, { projectId, action: "source.delete", entityType: "source", entityId: sourceId, before: { name: before.name } });
    return { id: sourceId, deleted: true };
  });
}

/** Merge: the aliases of `from` move to `into`, and the `from` entries go. One step; no label changes. */
export async function mergeSources(actor: Actor, projectRef: string, raw: MergeSourcesInput) {
  const input = parseInput(mergeSourcesInput, raw);
  return ledgerWrite(actor, projectRef, async (tx, projectId) => {
    await findSource(tx, projectId, input.into);
    const from = await tx.source.findMany({ where: { projectId, id: { in: input.from } }, select: { id: true, name: true } });
    if (from.length !== input.from.length) throw new NotFoundError("One of the entries to merge is not in this ledger (reload)");
    const moved = await tx.sourceAlias.updateMany({ where: { projectId, sourceId: { in: input.from } }, data: { sourceId: input.into } });
    await tx.source.deleteMany({ where: { id: { in: input.from } } });
    await audit(tx, actor, {
      projectId,
      action: "source.merge",
      entityType: "source",
      entityId: input.into,
      after: { merged: from.map((f) => ({ id: f.id, name: f.name })), aliases: moved.count },
    });
    return { id: input.into, merged: from.length, aliases: moved.count };
  });
}

/** Unmerge: names of one entry leave it and become a new entry (named after the first, no type or side yet). */
export async function splitAliases(actor: Actor, projectRef: string, raw: SplitAliasesInput) {
  const input = parseInput(splitAliasesInput, raw);
  return ledgerWrite(actor, projectRef, async (tx, projectId) => {
    const aliases = await tx.sourceAlias.findMany({
      where: { projectId, id: { in: input.aliasIds } },
      select: { id: true, name: true, sourceId: true },
    });
    if (aliases.length !== input.aliasIds.length) throw new NotFoundError("One of the names is not in this ledger (reload)");
    const owners = new Set(aliases.map((a) => a.sourceId));
    if (owners.size > 1) throw new InvalidError("aliasIds: split off names of one entry at a time");
    const ownerId = aliases[0]!.sourceId;
    if ((await tx.sourceAlias.count({ where: { sourceId: ownerId } })) === aliases.length)
      throw new InvalidError("aliasIds: these are all the entry's names; keep at least one (or delete the entry)");
    const first = input.aliasIds.map((id) => aliases.find((a) => a.id === id)!)[0]!;
    const id = newId();
    await tx.source.create({ data: { id, projectId, name: first.name, attributes: {} } });
    await tx.sourceAlias.updateMany({ where: { id: { in: input.aliasIds } }, data: { sourceId: id } });
    await audit(tx, actor, {
      projectId,
      action: "source.split",
      entityType: "source",
      entityId: id,
      after: { from: ownerId, names: aliases.map((a) => a.name) },
    });
    return { id, name: first.name, from: ownerId };
  });
}

/** The attribute names the project records per source (values of removed ones stay stored, unshown). */
export async function setSourceAttributes(actor: Actor, projectRef: string, raw: SourceAttributesInput) {
  const input = parseInput(sourceAttributesInput, raw);
  return ledgerWrite(actor, projectRef, async (tx, projectId, s) => {
    await tx.project.update({ where: { id: projectId }, data: { sourceAttributes: input.attributes } });
    await audit(tx, actor, {
      projectId,
      action: "source.attributes",
      entityType: "project",
      entityId: projectId,
      before: { attributes: s.attributes },
      after: { attributes: input.attributes },
    });
    return { attributes: input.attributes };
  });
}

/**
 * What the workspace's source-name field offers as the annotator types (any member): the ledger's
 * entries (canonical names and aliases) and the names this annotator typed before, and never a
 * colleague's name no manager approved (in a blind project that would show a colleague's labels).
 */
export async function sourceNameOptions(actor: Actor, projectRef: string): Promise<NameOption[]> {
  const db = await getDb();
  const access = await projectAccess(db, actor, projectRef);
  const s = await ledgerSchema(db, access.projectId);
  const [sources, aliases, own] = await Promise.all([
    db.source.findMany({ where: { projectId: access.projectId }, select: { id: true, name: true } }),
    db.sourceAlias.findMany({ where: { projectId: access.projectId }, select: { name: true, key: true, sourceId: true } }),
    s.nameDimension
      ? db.annotation.findMany({
          where: { projectId: access.projectId, userId: actor.id, dimension: s.nameDimension },
          select: { value: true },
        })
      : [],
  ]);
  const canonical = new Map(sources.map((src) => [src.id, src.name]));
  const options = new Map<string, NameOption>();
  for (const src of sources) options.set(sourceNameKey(src.name), { name: src.name, detail: "source ledger" });
  for (const a of aliases) {
    const main = canonical.get(a.sourceId)!;
    if (!options.has(a.key)) options.set(a.key, { name: a.name, detail: `source ledger: ${main}` });
  }
  for (const t of typedNames(own.map((l) => l.value)))
    if (!options.has(t.key)) options.set(t.key, { name: t.name, detail: "your earlier name" });
  return [...options.values()];
}
