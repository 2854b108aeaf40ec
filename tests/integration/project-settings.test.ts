import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, changeMemberRole, createProject, getProjectOverview, removeMember } from "@/server/projects";
import {
  getProjectSettings,
  updateLabelSchema,
  updateProjectDetails,
  updateProjectSettings,
  updateTargets,
} from "@/server/project-settings";
import { insertDocuments } from "@/server/documents";
import { getDb } from "@/server/db/client";
import { AppError, ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { newId } from "@/lib/ids";
import { newsStanceSourcingTemplate } from "@/lib/schema/templates";
import type { LabelSchema } from "@/lib/schema/schema";

useTestDatabase();

let admin: Actor, manager: Actor, annotator: Actor, reviewer: Actor, stranger: Actor;

async function actor(email: string, isAdmin = false): Promise<Actor> {
  const u = await createUser(SYSTEM_ACTOR, { email, name: email.split("@")[0]!, password: "a long password", isAdmin });
  return { id: u.id, email: u.email, name: u.name, isAdmin };
}

/** A project managed by `manager`, with an annotator and a reviewer, one document and its segments. */
async function setupProject(name: string, targets = ["Armenia", "Azerbaijan", "Turkey"]) {
  const project = await createProject(SYSTEM_ACTOR, { name, targets });
  await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
  await addMember(SYSTEM_ACTOR, project.id, { email: annotator.email, role: "ANNOTATOR" });
  await addMember(SYSTEM_ACTOR, project.id, { email: reviewer.email, role: "REVIEWER" });
  const db = await getDb();
  const r = await db.$transaction((tx) =>
    insertDocuments(tx, SYSTEM_ACTOR, project.id, [
      { title: "Doc", text: `Armenia denied it. Azerbaijan said otherwise. Turkey backed Baku. ${name}` },
    ]),
  );
  const documentId = r.created[0]!;
  const segments = (await db.segment.findMany({ where: { documentId }, orderBy: { index: "asc" } })).map((s) => s.id);
  return { project, documentId, segments };
}

/** Annotations are written by a colleague's service; here rows are inserted directly. */
async function label(
  p: { project: { id: string }; documentId: string },
  segmentId: string,
  dimension: string,
  target: string,
  value: unknown,
  userId = annotator.id,
) {
  const db = await getDb();
  await db.annotation.create({
    data: { id: newId(), projectId: p.project.id, documentId: p.documentId, segmentId, userId, dimension, target, value: value as never },
  });
}

async function gold(segmentId: string, dimension: string, target: string, value: unknown) {
  const db = await getDb();
  await db.goldLabel.create({ data: { id: newId(), segmentId, dimension, target, value: value as never, decidedById: reviewer.id } });
}

async function auditCount(projectId: string, action?: string) {
  return (await getDb()).auditEvent.count({ where: { projectId, ...(action ? { action } : {}) } });
}

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error("expected the call to be refused");
}

beforeAll(async () => {
  admin = await actor("admin@example.org", true);
  manager = await actor("manager@example.org");
  annotator = await actor("annotator@example.org");
  reviewer = await actor("reviewer@example.org");
  stranger = await actor("stranger@example.org");
});

describe("creating projects", () => {
  it("creates a project with targets and a template; the creator becomes its manager", async () => {
    const p = await createProject(admin, {
      name: "Bias study",
      description: "BABE-style",
      targets: ["Party A", "Party B"],
      template: "sentence_bias",
      guidelines: "# Read me",
    });
    const { project, access } = await getProjectOverview(admin, p.slug);
    expect(access).toMatchObject({ role: "MANAGER", viaAdmin: false });
    expect(project.targets.map((t) => [t.key, t.name, t.position])).toEqual([
      ["party_a", "Party A", 0],
      ["party_b", "Party B", 1],
    ]);
    expect((project.labelSchema as LabelSchema).name).toBe("Sentence bias (BABE)");
    expect(project.guidelines).toBe("# Read me");
    expect(await auditCount(p.id, "project.create")).toBe(1);

    const dflt = await createProject(admin, { name: "Bias study" });
    expect(dflt.slug).toBe("bias-study-2"); // a derived slug never collides
    expect((dflt.labelSchema as LabelSchema).name).toBe("News stance & sourcing");
    await expect(createProject(admin, { name: "X", slug: "bias-study" })).rejects.toThrow(ConflictError);
    expect((await createProject(admin, { name: "New" })).slug).not.toBe("new"); // /projects/new is a page
    await expect(createProject(admin, { name: "X", slug: "new" })).rejects.toThrow(InvalidError);
    await expect(createProject(admin, { name: "X", targets: ["A", "a"] })).rejects.toThrow(/Target names must be unique/);
    await expect(createProject(admin, { name: "X", template: "nope" })).rejects.toThrow(/unknown template/);
  });

  it("lets managers create projects, but not annotators who manage nothing", async () => {
    const m = await actor("creator@example.org");
    await expect(createProject(m, { name: "Mine" })).rejects.toThrow(ForbiddenError);
    const first = await createProject(SYSTEM_ACTOR, { name: "Seed for creator" });
    await addMember(SYSTEM_ACTOR, first.id, { email: m.email, role: "MANAGER" });
    const mine = await createProject(m, { name: "Mine", targets: ["A"] });
    expect((await getProjectOverview(m, mine.id)).access.role).toBe("MANAGER");
  });
});

describe("targets", () => {
  it("renames and reorders targets without changing their keys", async () => {
    const { project } = await setupProject("Targets rename");
    const before = (await getProjectSettings(manager, project.id)).targets;
    const [armenia, azerbaijan, turkey] = before;
    const r = await updateTargets(manager, project.slug, {
      targets: [
        { id: turkey!.id, name: "Türkiye" },
        { id: armenia!.id, name: "Armenia" },
        { id: azerbaijan!.id, name: "Azerbaijan" },
        { name: "NATO" },
      ],
    });
    expect(r.changed).toBe(true);
    const after = (await getProjectOverview(manager, project.id)).project.targets;
    expect(after.map((t) => [t.key, t.name, t.position])).toEqual([
      ["turkey", "Türkiye", 0],
      ["armenia", "Armenia", 1],
      ["azerbaijan", "Azerbaijan", 2],
      ["nato", "NATO", 3],
    ]);
    const events = await (await getDb()).auditEvent.findMany({ where: { projectId: project.id, action: "project.targets" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.before).toMatchObject({ targets: [{ key: "armenia" }, { key: "azerbaijan" }, { key: "turkey", name: "Turkey" }] });

    // Saving the same list again changes nothing and writes no event.
    const same = await updateTargets(manager, project.id, { targets: after.map((t) => ({ id: t.id, name: t.name })) });
    expect(same.changed).toBe(false);
    expect(await auditCount(project.id, "project.targets")).toBe(1);
    await expect(updateTargets(manager, project.id, { targets: [{ name: "A" }, { name: " a " }] })).rejects.toThrow(/unique/);
    await expect(updateTargets(manager, project.id, { targets: [{ id: "not-a-target", name: "A" }] })).rejects.toThrow(InvalidError);
  });

  it("removing a target with labels reports the count and deletes them only when confirmed", async () => {
    const p = await setupProject("Targets remove");
    const [s0, s1, s2] = p.segments;
    await label(p, s0!, "stance", "armenia", "unfavorable");
    await label(p, s1!, "stance", "armenia", "neutral");
    await label(p, s1!, "source_side", "", "armenia"); // target_choice value pointing at the target
    await gold(s0!, "stance", "armenia", "unfavorable");
    await label(p, s2!, "stance", "azerbaijan", "favorable");
    await label(p, s2!, "source_side", "", "azerbaijan");
    const db = await getDb();
    const settings = await getProjectSettings(manager, p.project.id);
    expect(settings.targets.map((t) => [t.key, t.labels])).toEqual([
      ["armenia", 4],
      ["azerbaijan", 2],
      ["turkey", 0],
    ]);
    const kept = settings.targets.filter((t) => t.key !== "armenia").map((t) => ({ id: t.id, name: t.name }));
    const auditBefore = await auditCount(p.project.id);

    const refused = await caught(updateTargets(manager, p.project.id, { targets: kept }));
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused.message).toMatch(/Removing "Armenia" \(4 labels \(1 of them gold\)\) deletes 4 labels/);
    expect(refused.details).toEqual({ confirmationRequired: true, labels: 4, targets: [{ name: "Armenia", labels: 4 }] });
    expect(await db.target.count({ where: { projectId: p.project.id } })).toBe(3);
    expect(await db.annotation.count({ where: { projectId: p.project.id } })).toBe(5);
    expect(await db.goldLabel.count()).toBe(1);
    expect(await auditCount(p.project.id)).toBe(auditBefore);

    // A target without labels goes without confirmation.
    const r0 = await updateTargets(manager, p.project.id, {
      targets: settings.targets.filter((t) => t.key !== "turkey").map((t) => ({ id: t.id, name: t.name })),
    });
    expect(r0.deletedLabels).toBe(0);

    const r = await updateTargets(manager, p.project.id, { targets: kept.filter((t) => t.name !== "Turkey"), confirmLabelDeletion: true });
    expect(r.deletedLabels).toBe(4);
    expect(r.targets.map((t) => t.key)).toEqual(["azerbaijan"]);
    const left = await db.annotation.findMany({
      where: { projectId: p.project.id },
      select: { dimension: true, target: true, value: true },
    });
    expect(left).toHaveLength(2);
    expect(left.every((a) => a.target === "azerbaijan" || a.value === "azerbaijan")).toBe(true);
    expect(await db.goldLabel.count()).toBe(0);
    const ev = await db.auditEvent.findFirstOrThrow({
      where: { projectId: p.project.id, action: "project.targets" },
      orderBy: { createdAt: "desc" },
    });
    expect(ev.after).toMatchObject({ targets: [{ key: "azerbaijan" }], deletedLabels: { annotations: 3, gold: 1 } });
  });
});

describe("label schema", () => {
  it("refuses an edit that would orphan labels, and changes nothing", async () => {
    const p = await setupProject("Schema orphans");
    await label(p, p.segments[0]!, "note", "", "check this");
    await label(p, p.segments[0]!, "stance", "armenia", "neutral");
    await label(p, p.segments[1]!, "stance", "armenia", "neutral");
    await label(p, p.segments[1]!, "spans", "", [{ start: 0, end: 7, label: "loaded_language" }]);
    const { project } = await getProjectSettings(manager, p.project.id);
    const edited = newsStanceSourcingTemplate();
    edited.dimensions = edited.dimensions.filter((d) => d.id !== "note");
    const stance = edited.dimensions.find((d) => d.id === "stance")!;
    if ("values" in stance) stance.values = stance.values.filter((v) => v.id !== "neutral");
    const spans = edited.dimensions.find((d) => d.id === "spans")!;
    if ("values" in spans) spans.values = spans.values.filter((v) => v.id !== "loaded_language");
    const auditBefore = await auditCount(p.project.id);

    const e = await caught(
      updateLabelSchema(manager, p.project.id, { json: JSON.stringify(edited), expectedVersion: project.schemaVersion }),
    );
    expect(e).toBeInstanceOf(ConflictError);
    expect(e.message).toContain('dimension "note" (Note) is removed, but 1 label uses it');
    expect(e.message).toContain('value "neutral" of dimension "stance" (Stance) is removed, but 2 labels use it');
    expect(e.message).toContain('value "loaded_language" of dimension "spans" (Spans) is removed, but 1 label uses it');
    const after = await getProjectSettings(manager, p.project.id);
    expect(after.project.schemaVersion).toBe(project.schemaVersion);
    expect(after.project.schema).toEqual(project.schema);
    expect(await auditCount(p.project.id)).toBe(auditBefore);

    // Changing the kind of a used dimension orphans its values too.
    const rekind = newsStanceSourcingTemplate();
    const i = rekind.dimensions.findIndex((d) => d.id === "note");
    rekind.dimensions[i] = { id: "note", label: "Note", kind: "flag", required: "never" };
    await expect(
      updateLabelSchema(manager, p.project.id, { json: JSON.stringify(rekind), expectedVersion: project.schemaVersion }),
    ).rejects.toThrow(/changes kind from text to flag/);
  });

  it("validates the schema and names the path of each error", async () => {
    const { project } = await setupProject("Schema invalid");
    const bad = JSON.parse(JSON.stringify(newsStanceSourcingTemplate()));
    bad.dimensions[2].values[0].key = "om";
    const e = await caught(updateLabelSchema(manager, project.id, { json: JSON.stringify(bad), expectedVersion: 1 }));
    expect(e).toBeInstanceOf(InvalidError);
    expect(e.message).toContain("dimensions[2].values[0].key: must be exactly one keyboard character");
    expect(e.details).toEqual({ errors: ["dimensions[2].values[0].key: must be exactly one keyboard character"] });
    await expect(updateLabelSchema(manager, project.id, { json: "{ not json", expectedVersion: 1 })).rejects.toThrow(
      /^The label schema is not valid: JSON: /,
    );
  });

  it("a valid edit bumps schemaVersion and is audited with the schema before and after", async () => {
    const p = await setupProject("Schema edit");
    await label(p, p.segments[0]!, "sourcing", "", "direct_quote");
    const edited = newsStanceSourcingTemplate();
    const sourcing = edited.dimensions.find((d) => d.id === "sourcing")!;
    sourcing.label = "How it is sourced";
    if ("values" in sourcing) sourcing.values.push({ id: "rumour", label: "Rumour", description: "Hearsay.", key: "u" });
    const sourceType = edited.dimensions.find((d) => d.id === "source_type")!;
    if ("values" in sourceType) sourceType.values = sourceType.values.filter((v) => v.id !== "other"); // unused: may go
    edited.dimensions.push({
      id: "tone",
      label: "Tone",
      kind: "single",
      required: "never",
      values: [{ id: "calm", label: "Calm", key: "d" }],
    });

    const r = await updateLabelSchema(manager, p.project.slug, { json: JSON.stringify(edited, null, 2), expectedVersion: 1 });
    expect(r).toEqual({ schemaVersion: 2, changed: true });
    const { project } = await getProjectSettings(manager, p.project.id);
    expect(project.schemaVersion).toBe(2);
    expect(project.schema.dimensions.find((d) => d.id === "sourcing")!.label).toBe("How it is sourced");
    expect(project.schema.dimensions.at(-1)!.id).toBe("tone");
    const ev = await (await getDb()).auditEvent.findFirstOrThrow({ where: { projectId: p.project.id, action: "project.schema" } });
    expect(ev.before).toMatchObject({
      schemaVersion: 1,
      labelSchema: { dimensions: expect.arrayContaining([expect.objectContaining({ id: "sourcing", label: "Sourcing" })]) },
    });
    expect(ev.after).toMatchObject({
      schemaVersion: 2,
      labelSchema: { dimensions: expect.arrayContaining([expect.objectContaining({ id: "tone" })]) },
    });

    // The same document again is no change; an editor opened at version 1 is now stale.
    expect(await updateLabelSchema(manager, p.project.id, { json: JSON.stringify(edited), expectedVersion: 2 })).toEqual({
      schemaVersion: 2,
      changed: false,
    });
    await expect(
      updateLabelSchema(manager, p.project.id, { json: JSON.stringify(newsStanceSourcingTemplate()), expectedVersion: 1 }),
    ).rejects.toThrow(/changed by someone else/);
  });
});

describe("details and settings", () => {
  it("updates name, description, guidelines and the annotation settings, audited", async () => {
    const { project } = await setupProject("Settings");
    await updateProjectDetails(manager, project.id, {
      name: "Settings, renamed",
      description: "Now described",
      guidelines: "## Stance\nBe careful.",
    });
    const r = await updateProjectSettings(manager, project.id, { blind: false, skipBoilerplate: false, overlap: 3 });
    expect(r).toMatchObject({ blind: false, skipBoilerplate: false, overlap: 3, changed: true });
    const { project: p } = await getProjectSettings(manager, project.slug);
    expect(p).toMatchObject({
      name: "Settings, renamed",
      description: "Now described",
      guidelines: "## Stance\nBe careful.",
      blind: false,
      skipBoilerplate: false,
      overlap: 3,
      slug: project.slug,
    });
    const ev = await (await getDb()).auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.settings" } });
    expect(ev.before).toEqual({ blind: true, skipBoilerplate: true, overlap: 2 });
    expect(ev.after).toEqual({ blind: false, skipBoilerplate: false, overlap: 3 });

    await expect(updateProjectSettings(manager, project.id, { blind: true, skipBoilerplate: true, overlap: 11 })).rejects.toThrow(
      /overlap: Overlap must be at most 10/,
    );
    await expect(updateProjectSettings(manager, project.id, { blind: true, skipBoilerplate: true, overlap: 0 })).rejects.toThrow(
      InvalidError,
    );
    await expect(updateProjectDetails(manager, project.id, { name: "  ", description: "", guidelines: "" })).rejects.toThrow(
      /Project name is required/,
    );
    expect((await updateProjectSettings(manager, project.id, { blind: false, skipBoilerplate: false, overlap: 3 })).changed).toBe(false);
    expect(await auditCount(project.id, "project.settings")).toBe(1);
  });
});

describe("members", () => {
  it("adds, changes and removes members, and never leaves a project without a manager", async () => {
    const project = await createProject(SYSTEM_ACTOR, { name: "Members" });
    await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
    const newcomer = await actor("newcomer@example.org");

    await addMember(manager, project.id, { email: "NEWCOMER@example.org ", role: "ANNOTATOR" });
    expect((await getProjectOverview(newcomer, project.id)).access.role).toBe("ANNOTATOR");
    await expect(addMember(manager, project.id, { email: "nobody@example.org", role: "ANNOTATOR" })).rejects.toThrow(
      /No user with the email/,
    );
    await expect(addMember(manager, project.id, { email: "not an email", role: "ANNOTATOR" })).rejects.toThrow(InvalidError);

    expect(await changeMemberRole(manager, project.id, { userId: newcomer.id, role: "REVIEWER" })).toMatchObject({
      role: "REVIEWER",
      changed: true,
    });
    await expect(changeMemberRole(manager, project.id, { userId: newcomer.id, role: "OWNER" as never })).rejects.toThrow(InvalidError);
    await expect(changeMemberRole(manager, project.id, { userId: stranger.id, role: "MANAGER" })).rejects.toThrow(/not a member/);

    // The only manager cannot be demoted or removed, by any route.
    const last = await caught(changeMemberRole(manager, project.id, { userId: manager.id, role: "ANNOTATOR" }));
    expect(last).toBeInstanceOf(ConflictError);
    expect(last.message).toBe(
      "manager@example.org is the only manager of this project; make another member a manager before you change their role",
    );
    await expect(removeMember(manager, project.id, { userId: manager.id })).rejects.toThrow(/only manager.*before you remove them/);
    await expect(addMember(manager, project.id, { email: manager.email, role: "ANNOTATOR" })).rejects.toThrow(/only manager/);

    await changeMemberRole(manager, project.id, { userId: newcomer.id, role: "MANAGER" });
    await changeMemberRole(newcomer, project.id, { userId: manager.id, role: "ANNOTATOR" });
    await removeMember(newcomer, project.id, { userId: manager.id });
    await expect(getProjectOverview(manager, project.id)).rejects.toThrow(NotFoundError);

    const db = await getDb();
    const actions = (
      await db.auditEvent.findMany({ where: { projectId: project.id, entityType: "member" }, orderBy: { createdAt: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["member.add", "member.add", "member.role", "member.role", "member.role", "member.remove"]);
  });
});

describe("authorization", () => {
  it("a non-member gets NotFoundError for every function; annotators and reviewers ForbiddenError for writes", async () => {
    const p = await setupProject("Authz");
    const settings = await getProjectSettings(admin, p.project.id); // an admin who is not a member acts as manager
    expect(settings.access.viaAdmin).toBe(true);
    const targets = settings.targets.map((t) => ({ id: t.id, name: t.name }));
    const json = JSON.stringify(settings.project.schema);
    const calls: [string, (a: Actor) => Promise<unknown>][] = [
      ["getProjectSettings", (a) => getProjectSettings(a, p.project.id)],
      ["updateProjectDetails", (a) => updateProjectDetails(a, p.project.id, { name: "Hacked", description: "", guidelines: "" })],
      ["updateProjectSettings", (a) => updateProjectSettings(a, p.project.id, { blind: false, skipBoilerplate: false, overlap: 5 })],
      ["updateTargets", (a) => updateTargets(a, p.project.id, { targets: targets.slice(1), confirmLabelDeletion: true })],
      ["updateLabelSchema", (a) => updateLabelSchema(a, p.project.id, { json, expectedVersion: 1 })],
      ["addMember", (a) => addMember(a, p.project.id, { email: stranger.email, role: "MANAGER" })],
      ["changeMemberRole", (a) => changeMemberRole(a, p.project.id, { userId: manager.id, role: "ANNOTATOR" })],
      ["removeMember", (a) => removeMember(a, p.project.id, { userId: manager.id })],
    ];
    const reads: [string, (a: Actor) => Promise<unknown>][] = [["getProjectOverview", (a) => getProjectOverview(a, p.project.id)]];
    for (const [name, call] of [...calls, ...reads]) {
      expect(await caught(call(stranger)), `${name} as a non-member`).toBeInstanceOf(NotFoundError);
    }
    for (const [name, call] of calls) {
      expect(await caught(call(annotator)), `${name} as annotator`).toBeInstanceOf(ForbiddenError);
      expect(await caught(call(reviewer)), `${name} as reviewer`).toBeInstanceOf(ForbiddenError);
    }

    // Nothing changed.
    const after = await getProjectSettings(manager, p.project.slug);
    expect(after.project.name).toBe("Authz");
    expect(after.targets).toHaveLength(3);
    expect(after.members.map((m) => m.role)).toEqual(["MANAGER", "ANNOTATOR", "REVIEWER"]);
    expect(await auditCount(p.project.id, "project.update")).toBe(0);
  });
});
