import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject, getProjectOverview, listProjects } from "@/server/projects";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { seedDemo, DEMO_PROJECT, DEMO_USERS } from "@/server/demo/seed";
import { DEMO_STORY } from "@/server/demo/illustrative";
import { getGroupReports, getStoryComparison } from "@/server/reports/groups";
import { takeNextDocument } from "@/server/assignments";
import { getDb } from "@/server/db/client";
import { getProgress } from "@/server/assignments";

useTestDatabase();

/** The demo seed writes two annotators' ~600 labels through the workspace services: more than the default 30 s on a busy machine. */
const DEMO_SEED_TIMEOUT = 180_000;

async function actor(email: string, isAdmin = false): Promise<Actor> {
  const u = await createUser(SYSTEM_ACTOR, { email, name: email.split("@")[0]!, password: "a long password", isAdmin });
  return { id: u.id, email: u.email, name: u.name, isAdmin };
}

describe("projects and membership", () => {
  it("shows members' e-mail addresses to managers and admins only; annotators and reviewers see names", async () => {
    const manager = await actor("mail-m@example.org");
    const annotator = await actor("mail-a@example.org");
    const reviewer = await actor("mail-r@example.org");
    const admin = await actor("mail-root@example.org", true);
    const project = await createProject(SYSTEM_ACTOR, { name: "Mail privacy", targets: ["A"] });
    await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
    await addMember(manager, project.slug, { email: annotator.email, role: "ANNOTATOR" });
    await addMember(manager, project.slug, { email: reviewer.email, role: "REVIEWER" });
    const members = async (a: Actor) =>
      (await getProjectOverview(a, project.id)).project.members.map((m) => ({ name: m.user.name, email: m.user.email }));
    const named = [
      { name: "mail-m", email: null },
      { name: "mail-a", email: null },
      { name: "mail-r", email: null },
    ];
    expect(await members(annotator)).toEqual(named);
    expect(await members(reviewer)).toEqual(named);
    const withEmails = [
      { name: "mail-m", email: manager.email },
      { name: "mail-a", email: annotator.email },
      { name: "mail-r", email: reviewer.email },
    ];
    expect(await members(manager)).toEqual(withEmails);
    expect(await members(admin)).toEqual(withEmails);
    expect((await getProgress(reviewer, project.id)).annotators.map((a) => a.email)).toEqual([null, null, null]);
    expect((await getProgress(manager, project.id)).annotators.map((a) => a.email)).toEqual([
      manager.email,
      annotator.email,
      reviewer.email,
    ]);
  });

  it("shows a project to its members and admins, and 'not found' to everyone else", async () => {
    const manager = await actor("m@example.org");
    const annotator = await actor("a@example.org");
    const stranger = await actor("s@example.org");
    const admin = await actor("root@example.org", true);
    const project = await createProject(SYSTEM_ACTOR, { name: "Election 2026", targets: ["Party A", "Party B"] });
    await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
    await addMember(manager, project.slug, { email: annotator.email, role: "ANNOTATOR" });

    const seen = await getProjectOverview(annotator, project.id);
    expect(seen.access.role).toBe("ANNOTATOR");
    expect(seen.project.targets.map((t) => t.key)).toEqual(["party_a", "party_b"]);
    expect((await getProjectOverview(admin, project.slug)).access).toMatchObject({ role: "MANAGER", viaAdmin: true });

    await expect(getProjectOverview(stranger, project.id)).rejects.toThrow(NotFoundError);
    await expect(getProjectOverview(stranger, project.slug)).rejects.toThrow(NotFoundError);
    await expect(getProjectOverview(annotator, "no-such-project")).rejects.toThrow(NotFoundError);
    expect(await listProjects(stranger)).toEqual([]);
    expect((await listProjects(annotator)).map((p) => p.id)).toEqual([project.id]);

    // Members who are not managers cannot change the project; strangers cannot even see it.
    await expect(addMember(annotator, project.id, { email: stranger.email, role: "ANNOTATOR" })).rejects.toThrow(ForbiddenError);
    await expect(addMember(stranger, project.id, { email: stranger.email, role: "MANAGER" })).rejects.toThrow(NotFoundError);
  });

  it(
    "loads the demo workspace once: seeding twice creates no duplicates",
    async () => {
      const first = await seedDemo();
      expect(first.createdDocuments).toBe(3);
      const db = await getDb();
      const counts = async () => ({
        users: await db.user.count(),
        projects: await db.project.count({ where: { slug: DEMO_PROJECT.slug } }),
        members: await db.projectMember.count({ where: { projectId: first.project.id } }),
        documents: await db.document.count({ where: { projectId: first.project.id } }),
        segments: await db.segment.count(),
        targets: await db.target.count({ where: { projectId: first.project.id } }),
        labels: await db.annotation.count({ where: { projectId: first.project.id } }),
        gold: await db.goldLabel.count(),
      });
      const before = await counts();
      expect(before).toMatchObject({ projects: 1, members: 5, documents: 3, targets: 4 });
      expect(before.segments).toBeGreaterThan(45);
      const second = await seedDemo();
      expect(second.createdDocuments).toBe(0);
      expect(await counts()).toEqual(before);
    },
    DEMO_SEED_TIMEOUT,
  );

  it(
    "the demo shows a story across outlets: illustrative articles say so, reports and comparison have figures, demo logins get documents",
    async () => {
      const { project } = await seedDemo();
      const db = await getDb();
      const docs = await db.document.findMany({
        where: { projectId: project.id },
        select: { title: true, outlet: true, author: true, story: true },
      });
      expect(new Set(docs.map((d) => d.story))).toEqual(new Set([DEMO_STORY]));
      // The texts written for the demo say so in their outlet, title and author; the real one is TRT World's.
      const illustrative = docs.filter((d) => d.outlet !== "TRT World");
      expect(illustrative).toHaveLength(2);
      for (const d of illustrative) for (const field of [d.outlet, d.title, d.author]) expect(field).toMatch(/written for the Slant demo/i);
      const manager = await demoUser(DEMO_USERS[1].email);
      const comparison = await getStoryComparison(manager, project.id, { story: DEMO_STORY });
      expect(comparison.comparison.outlets).toHaveLength(3);
      for (const o of comparison.comparison.outlets) expect(o.firstSource).not.toBeNull();
      expect(comparison.comparison.omissions.length).toBeGreaterThan(0);
      // Gold settled some of the pre-filled annotators' disagreements.
      expect(await db.goldLabel.count({ where: { segment: { document: { projectId: project.id } } } })).toBeGreaterThan(3);
      const { groups } = await getGroupReports(manager, project.id, { by: "outlet" });
      expect(groups).toHaveLength(3);
      // The printed logins still have documents to annotate: the first gets the real article (corpus order).
      const outlets: (string | null)[] = [];
      for (const login of [DEMO_USERS[2], DEMO_USERS[3]]) {
        const next = await takeNextDocument(await demoUser(login.email), project.id);
        expect(next?.assigned).toBe(true);
        outlets.push((await db.document.findUniqueOrThrow({ where: { id: next!.documentId } })).outlet);
      }
      expect(outlets[0]).toBe("TRT World");
    },
    DEMO_SEED_TIMEOUT,
  );
});

async function demoUser(email: string): Promise<Actor> {
  const db = await getDb();
  return db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, isAdmin: true } });
}
