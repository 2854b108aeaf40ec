import "server-only";
import { isDeepStrictEqual } from "node:util";
import { getDb, type Db, type Tx } from "@/server/db/client";
import { lockProject, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { dropStaleSuggestions, kickSuggestionsAfter } from "@/server/suggestions/jobs";
import { audit } from "@/server/audit";
import { projectAccess, requireRole } from "@/server/access";
import { projectSchema } from "@/server/label-schema";
import { targetKey } from "@/server/projects";
import { ConflictError, InvalidError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import {
  labelSchemaUpdateInput,
  projectDetailsInput,
  projectSettingsInput,
  targetsUpdateInput,
  type LabelSchemaUpdateInput,
  type ProjectDetailsInput,
  type ProjectSettingsInput,
  type TargetsUpdateInput,
} from "@/lib/validation/projects";
import { hasRemovals, parseLabelSchemaJson, schemaRemovals, storedValueIds, type SchemaRemovals } from "@/lib/schema/changes";
import { TEMPLATES } from "@/lib/schema/templates";
import type { LabelSchema } from "@/lib/schema/schema";
import { STORY_RULES } from "@/lib/assignment/rules";

/** Project settings: managers of the project (and site admins) only; a non-member gets "not found". */

async function managerAccess(db: Db | Tx, actor: Actor, projectRef: string, what: string) {
  const access = await projectAccess(db, actor, projectRef);
  requireRole(access, ["MANAGER"], what);
  return access;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** "14 labels" or "14 labels (2 of them gold labels)". */
function labelCount(u: { annotations: number; gold: number }) {
  const total = u.annotations + u.gold;
  return u.gold ? `${plural(total, "label")} (${u.gold} of them gold)` : plural(total, "label");
}

// --- targets -------------------------------------------------------------------------------------

interface TargetUsage {
  annotations: number;
  gold: number;
  /** Labels of target_choice dimensions whose value is the target (per_target ones go by `target`). */
  choiceAnnotationIds: string[];
  choiceGoldIds: string[];
}

/**
 * Labels that refer to each target key: per_target labels for the target, and target_choice
 * labels (source side) whose value is the target. Annotator labels and gold labels both count.
 */
async function targetUsage(db: Db | Tx, projectId: string, schema: LabelSchema, keys: string[]): Promise<Map<string, TargetUsage>> {
  const out = new Map<string, TargetUsage>(keys.map((k) => [k, { annotations: 0, gold: 0, choiceAnnotationIds: [], choiceGoldIds: [] }]));
  if (!keys.length) return out;
  const choiceDims = schema.dimensions.filter((d) => d.kind === "target_choice").map((d) => d.id);
  const inProject = { segment: { document: { projectId } } };
  const [perTarget, goldPerTarget, choices, goldChoices] = await Promise.all([
    db.annotation.groupBy({ by: ["target"], where: { projectId, target: { in: keys } }, _count: { _all: true } }),
    db.goldLabel.groupBy({ by: ["target"], where: { ...inProject, target: { in: keys } }, _count: { _all: true } }),
    choiceDims.length
      ? db.annotation.findMany({ where: { projectId, dimension: { in: choiceDims } }, select: { id: true, value: true } })
      : [],
    choiceDims.length
      ? db.goldLabel.findMany({ where: { ...inProject, dimension: { in: choiceDims } }, select: { id: true, value: true } })
      : [],
  ]);
  for (const g of perTarget) out.get(g.target)!.annotations += g._count._all;
  for (const g of goldPerTarget) out.get(g.target)!.gold += g._count._all;
  for (const a of choices) {
    const u = typeof a.value === "string" ? out.get(a.value) : undefined;
    if (!u) continue;
    u.annotations++;
    u.choiceAnnotationIds.push(a.id);
  }
  for (const a of goldChoices) {
    const u = typeof a.value === "string" ? out.get(a.value) : undefined;
    if (!u) continue;
    u.gold++;
    u.choiceGoldIds.push(a.id);
  }
  return out;
}

function chunks<T>(xs: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

// --- reads ---------------------------------------------------------------------------------------

/** Everything the settings page shows. Annotators and reviewers get ForbiddenError. */
export async function getProjectSettings(actor: Actor, projectRef: string) {
  const db = await getDb();
  const access = await managerAccess(db, actor, projectRef, "change the project's settings");
  const project = await db.project.findUniqueOrThrow({
    where: { id: access.projectId },
    include: {
      targets: { orderBy: { position: "asc" } },
      members: { include: { user: { select: { id: true, email: true, name: true, disabled: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  const schema = projectSchema(project);
  const usage = await targetUsage(
    db,
    project.id,
    schema,
    project.targets.map((t) => t.key),
  );
  return {
    access,
    project: {
      id: project.id,
      slug: project.slug,
      name: project.name,
      description: project.description,
      guidelines: project.guidelines,
      blind: project.blind,
      skipBoilerplate: project.skipBoilerplate,
      overlap: project.overlap,
      suggestions: project.suggestionsOffAt === null,
      storyAssignment: STORY_RULES.find((r) => r === project.storyAssignment) ?? null,
      outletBlind: project.outletBlindAt !== null,
      schemaVersion: project.schemaVersion,
      schema,
    },
    targets: project.targets.map((t) => {
      const u = usage.get(t.key)!;
      return { id: t.id, key: t.key, name: t.name, labels: u.annotations + u.gold };
    }),
    members: project.members.map((m) => ({
      userId: m.userId,
      role: m.role,
      email: m.user.email,
      name: m.user.name,
      disabled: m.user.disabled,
    })),
    templates: Object.entries(TEMPLATES).map(([id, t]) => ({ id, name: t.name, description: t.description, schema: t.build() })),
  };
}
// --- details and settings ------------------------------------------------------------------------

/** Changed fields only, as { before, after } for the audit event; null when nothing changed. */
function diff<T extends Record<string, unknown>>(before: T, after: T) {
  const keys = (Object.keys(after) as (keyof T)[]).filter((k) => !isDeepStrictEqual(before[k], after[k]));
  if (!keys.length) return null;
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k]])),
    after: Object.fromEntries(keys.map((k) => [k, after[k]])),
  };
}

export async function updateProjectDetails(actor: Actor, projectRef: string, input: ProjectDetailsInput) {
  const data = parseInput(projectDetailsInput, input);
  return writeTransaction(async (tx) => {
    const access = await managerAccess(tx, actor, projectRef, "change the project");
    const before = await tx.project.findUniqueOrThrow({
      where: { id: access.projectId },
      select: { name: true, description: true, guidelines: true },
    });
    const change = diff(before, data);
    if (!change) return { ...before, changed: false };
    await tx.project.update({ where: { id: access.projectId }, data });
    await audit(tx, actor, {
      projectId: access.projectId,
      action: "project.update",
      entityType: "project",
      entityId: access.projectId,
      ...change,
    });
    return { ...data, changed: true };
  });
}

/**
 * Turning suggestions off hides them and stops computing them (queued runs wait); turning them on
 * again starts the worker on what waited (kickSuggestionsAfter).
 */
export async function updateProjectSettings(actor: Actor, projectRef: string, input: ProjectSettingsInput) {
  const { suggestions, storyAssignment, outletBlind, ...data } = parseInput(projectSettingsInput, input);
  return kickSuggestionsAfter(
    writeTransaction(async (tx) => {
      const access = await managerAccess(tx, actor, projectRef, "change the project's settings");
      const row = await tx.project.findUniqueOrThrow({
        where: { id: access.projectId },
        select: { blind: true, skipBoilerplate: true, overlap: true, suggestionsOffAt: true, storyAssignment: true, outletBlindAt: true },
      });
      const { suggestionsOffAt, outletBlindAt, ...rest } = row;
      const before = { ...rest, suggestions: suggestionsOffAt === null, outletBlind: outletBlindAt !== null };
      const after = {
        ...data,
        suggestions: suggestions ?? before.suggestions,
        storyAssignment: storyAssignment === undefined ? before.storyAssignment : storyAssignment,
        outletBlind: outletBlind ?? before.outletBlind,
      };
      const change = diff(before, after);
      if (!change) return { ...before, changed: false };
      const offAt = after.suggestions ? null : (suggestionsOffAt ?? new Date());
      const blindAt = after.outletBlind ? (outletBlindAt ?? new Date()) : null;
      await tx.project.update({
        where: { id: access.projectId },
        data: { ...data, storyAssignment: after.storyAssignment, suggestionsOffAt: offAt, outletBlindAt: blindAt },
      });
      await audit(tx, actor, {
        projectId: access.projectId,
        action: "project.settings",
        entityType: "project",
        entityId: access.projectId,
        ...change,
      });
      return { ...after, changed: true };
    }),
  );
}

// --- targets -------------------------------------------------------------------------------------

/**
 * Replaces the target list: existing targets (by id) are renamed and reordered, new ones are
 * added, left-out ones removed. Keys never change, so labels keep pointing at renamed targets.
 * Removing targets that have labels is refused (ConflictError with `details.confirmationRequired`
 * and the counts) unless `confirmLabelDeletion`; then their labels are deleted in the same transaction.
 */
export async function updateTargets(actor: Actor, projectRef: string, input: TargetsUpdateInput) {
  const data = parseInput(targetsUpdateInput, input);
  return kickSuggestionsAfter(
    writeTransaction(async (tx) => {
      const access = await managerAccess(tx, actor, projectRef, "change the project's targets");
      // Label saves in flight finish first (and the usage counted below includes them); later ones wait.
      await lockProject(tx, access.projectId, "structure");
      const project = await tx.project.findUniqueOrThrow({
        where: { id: access.projectId },
        select: { id: true, schemaVersion: true, labelSchema: true, targets: { orderBy: { position: "asc" } } },
      });
      const byId = new Map(project.targets.map((t) => [t.id, t]));
      for (const t of data.targets) {
        if (t.id && !byId.has(t.id))
          throw new InvalidError(`Target "${t.name}" is no longer in this project; reload the page and try again`);
      }
      const keptIds = new Set(data.targets.flatMap((t) => (t.id ? [t.id] : [])));
      const removed = project.targets.filter((t) => !keptIds.has(t.id));
      const usage = await targetUsage(
        tx,
        project.id,
        projectSchema(project),
        removed.map((t) => t.key),
      );
      const affected = removed.map((t) => ({ name: t.name, key: t.key, ...usage.get(t.key)! })).filter((u) => u.annotations + u.gold > 0);
      const deleted = { annotations: 0, gold: 0 };
      for (const u of affected) {
        deleted.annotations += u.annotations;
        deleted.gold += u.gold;
      }
      if (affected.length && !data.confirmLabelDeletion) {
        const list = affected.map((u) => `"${u.name}" (${labelCount(u)})`).join(", ");
        throw new ConflictError(
          `Removing ${list} deletes ${labelCount(deleted)}. Confirm to remove ${affected.length === 1 ? "the target and its" : "the targets and their"} labels.`,
          {
            confirmationRequired: true,
            labels: deleted.annotations + deleted.gold,
            targets: affected.map((u) => ({ name: u.name, labels: u.annotations + u.gold })),
          },
        );
      }
      if (removed.length) {
        const keys = removed.map((t) => t.key);
        await tx.annotation.deleteMany({ where: { projectId: project.id, target: { in: keys } } });
        await tx.goldLabel.deleteMany({ where: { target: { in: keys }, segment: { document: { projectId: project.id } } } });
        for (const ids of chunks(affected.flatMap((u) => u.choiceAnnotationIds)))
          await tx.annotation.deleteMany({ where: { id: { in: ids } } });
        for (const ids of chunks(affected.flatMap((u) => u.choiceGoldIds))) await tx.goldLabel.deleteMany({ where: { id: { in: ids } } });
        await tx.target.deleteMany({ where: { projectId: project.id, id: { in: removed.map((t) => t.id) } } });
      }
      const taken = new Set(project.targets.filter((t) => keptIds.has(t.id)).map((t) => t.key));
      const after: { id: string; key: string; name: string }[] = [];
      let changed = removed.length > 0;
      for (const [position, t] of data.targets.entries()) {
        const old = t.id ? byId.get(t.id) : undefined;
        if (old) {
          if (old.name !== t.name || old.position !== position) {
            await tx.target.update({ where: { id: old.id }, data: { name: t.name, position } });
            changed = true;
          }
          after.push({ id: old.id, key: old.key, name: t.name });
        } else {
          const created = await tx.target.create({
            data: { id: newId(), projectId: project.id, key: targetKey(t.name, taken), name: t.name, position },
          });
          after.push({ id: created.id, key: created.key, name: created.name });
          changed = true;
        }
      }
      if (changed) {
        // Source side and per-target suggestions name targets: they are recomputed for the new list.
        await dropStaleSuggestions(tx, { projectId: project.id });
        await audit(tx, actor, {
          projectId: project.id,
          action: "project.targets",
          entityType: "project",
          entityId: project.id,
          before: { targets: project.targets.map((t) => ({ key: t.key, name: t.name })) },
          after: { targets: after.map((t) => ({ key: t.key, name: t.name })), deletedLabels: deleted },
        });
      }
      return { targets: after, deletedLabels: deleted.annotations + deleted.gold, changed };
    }),
  );
}

// --- label schema --------------------------------------------------------------------------------

interface SchemaUse {
  what: string;
  annotations: number;
  gold: number;
}

/** The stored labels each removal would orphan (only the removals that labels actually use). */
async function schemaUsage(tx: Tx, projectId: string, before: LabelSchema, removals: SchemaRemovals): Promise<SchemaUse[]> {
  const inProject = { segment: { document: { projectId } } };
  const out: SchemaUse[] = [];
  const wholeDims = [...removals.dimensions.map((d) => d.id), ...removals.kindChanges.map((d) => d.id)];
  if (wholeDims.length) {
    const [a, g] = await Promise.all([
      tx.annotation.groupBy({ by: ["dimension"], where: { projectId, dimension: { in: wholeDims } }, _count: { _all: true } }),
      tx.goldLabel.groupBy({ by: ["dimension"], where: { ...inProject, dimension: { in: wholeDims } }, _count: { _all: true } }),
    ]);
    const count = (rows: { dimension: string; _count: { _all: number } }[], id: string) =>
      rows.find((r) => r.dimension === id)?._count._all ?? 0;
    for (const d of removals.dimensions)
      out.push({ what: `dimension "${d.id}" (${d.label}) is removed`, annotations: count(a, d.id), gold: count(g, d.id) });
    for (const d of removals.kindChanges) {
      out.push({
        what: `dimension "${d.id}" (${d.label}) changes kind from ${d.from} to ${d.to}`,
        annotations: count(a, d.id),
        gold: count(g, d.id),
      });
    }
  }
  for (const v of removals.values) {
    const kind = before.dimensions.find((d) => d.id === v.dimension)!.kind;
    const [a, g] = await Promise.all([
      tx.annotation.findMany({ where: { projectId, dimension: v.dimension }, select: { value: true } }),
      tx.goldLabel.findMany({ where: { ...inProject, dimension: v.dimension }, select: { value: true } }),
    ]);
    for (const id of v.ids) {
      const uses = (rows: { value: unknown }[]) => rows.filter((r) => storedValueIds(kind, r.value).includes(id)).length;
      out.push({ what: `value "${id}" of dimension "${v.dimension}" (${v.label}) is removed`, annotations: uses(a), gold: uses(g) });
    }
  }
  return out.filter((u) => u.annotations + u.gold > 0);
}

/**
 * Replaces the project's label schema with an edited one (JSON text). The schema must validate;
 * removing a dimension or value id that stored labels use (or changing a used dimension's kind)
 * is refused with the list of what is in use. Every change increments `schemaVersion` and is
 * audited with the schema before and after. `expectedVersion` guards against overwriting an edit
 * saved by someone else since the editor was opened.
 */
export async function updateLabelSchema(actor: Actor, projectRef: string, input: LabelSchemaUpdateInput) {
  const data = parseInput(labelSchemaUpdateInput, input);
  return kickSuggestionsAfter(
    writeTransaction(async (tx) => {
      const access = await managerAccess(tx, actor, projectRef, "change the label schema");
      // Label saves in flight finish first (and the usage checked below includes them); later ones wait.
      await lockProject(tx, access.projectId, "structure");
      const parsed = parseLabelSchemaJson(data.json);
      if (!parsed.ok) throw new InvalidError(`The label schema is not valid: ${parsed.errors.join("; ")}`, { errors: parsed.errors });
      const project = await tx.project.findUniqueOrThrow({
        where: { id: access.projectId },
        select: { id: true, schemaVersion: true, labelSchema: true },
      });
      if (project.schemaVersion !== data.expectedVersion) {
        throw new ConflictError(
          `The label schema was changed by someone else since you opened it (now version ${project.schemaVersion}, you edited version ${data.expectedVersion}). Reload the page and apply your edit again.`,
        );
      }
      const before = projectSchema(project);
      const next = parsed.schema;
      if (isDeepStrictEqual(before, next)) return { schemaVersion: project.schemaVersion, changed: false };
      const removals = schemaRemovals(before, next);
      if (hasRemovals(removals)) {
        const inUse = await schemaUsage(tx, project.id, before, removals);
        if (inUse.length) {
          const lines = inUse.map((u) => `${u.what}, but ${labelCount(u)} ${u.annotations + u.gold === 1 ? "uses" : "use"} it`);
          throw new ConflictError(
            `This edit would orphan stored labels, so nothing was changed: ${lines.join("; ")}. Keep these ids (you can still change their labels, descriptions and keys).`,
            { inUse: inUse.map((u) => ({ what: u.what, labels: u.annotations + u.gold })) },
          );
        }
      }
      const updated = await tx.project.updateMany({
        where: { id: project.id, schemaVersion: project.schemaVersion },
        data: { labelSchema: next as never, schemaVersion: { increment: 1 } },
      });
      if (updated.count !== 1)
        throw new ConflictError("The label schema was changed by someone else at the same time; reload the page and try again.");
      await dropStaleSuggestions(tx, { projectId: project.id });
      const schemaVersion = project.schemaVersion + 1;
      await audit(tx, actor, {
        projectId: project.id,
        action: "project.schema",
        entityType: "project",
        entityId: project.id,
        before: { schemaVersion: project.schemaVersion, labelSchema: before },
        after: { schemaVersion, labelSchema: next },
      });
      return { schemaVersion, changed: true };
    }),
  );
}
