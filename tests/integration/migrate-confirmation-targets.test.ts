/**
 * The confirmation_targets migration backfills what each existing confirmation covered from the
 * audit log: the data is made through the services (as a deployment would have it), the column is
 * dropped and the migration applied again to that database.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { collect } from "../support/export-fixture";
import { DEMO_TEXT, label, newActor, newProject } from "../support/team";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { disconnectDb, getDb } from "@/server/db/client";
import { migrate, readMigrations } from "@/server/db/migrate";
import { streamExport } from "@/server/export";
import { importSlantJsonl } from "@/server/import-slant";
import { addMember, createProject } from "@/server/projects";
import { getProjectSettings, updateTargets } from "@/server/project-settings";
import { coveredTargetKeys } from "@/lib/schema/confirmation";

const state = useTestDatabase();

let ana: Actor, ben: Actor, maria: Actor;
let p: Awaited<ReturnType<typeof newProject>>;
const sorted = (s: Iterable<string>) => [...s].sort();

async function setTargets(projectId: string, names: string[]) {
  const current = (await getProjectSettings(maria, projectId)).targets;
  const byName = new Map(current.map((t) => [t.name, t.id]));
  await updateTargets(maria, projectId, { targets: names.map((name) => ({ id: byName.get(name), name })), confirmLabelDeletion: true });
}

/** Every confirmation as "project:sentence:user" → the keys of the current targets it covers. */
async function coverage(): Promise<Map<string, string[]>> {
  const db = await getDb();
  const targets = await db.target.findMany({ select: { id: true, key: true, projectId: true } });
  const statuses = await db.segmentStatus.findMany({
    where: { confirmedAt: { not: null } },
    select: { userId: true, confirmedTargets: true, segment: { select: { index: true, document: { select: { projectId: true } } } } },
  });
  const name = new Map([ana, ben].map((a) => [a.id, a.name]));
  return new Map(
    statuses.map((s) => {
      const projectId = s.segment.document.projectId;
      const key = `${projectId === p.projectId ? "P" : "copy"}:${s.segment.index}:${name.get(s.userId) ?? "imported"}`;
      return [
        key,
        sorted(
          coveredTargetKeys(
            s.confirmedTargets,
            targets.filter((t) => t.projectId === projectId),
          ),
        ),
      ];
    }),
  );
}

const MIGRATION = readMigrations("sqlite").find((m) => m.name.endsWith("_confirmation_targets"))!.name;

/** Back to the schema before the migration (its column dropped, its row forgotten), then migrate. */
async function migrateAgain(): Promise<string[]> {
  const db = await getDb();
  await db.$executeRawUnsafe(`ALTER TABLE "SegmentStatus" DROP COLUMN "confirmedTargets"`);
  await db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${MIGRATION}'`);
  await disconnectDb();
  return (await migrate(state.config!)).applied;
}

beforeAll(async () => {
  [ana, ben, maria] = (await Promise.all(["ana", "ben", "maria"].map((n) => newActor(`${n}@example.org`)))) as [Actor, Actor, Actor];
  p = await newProject(
    "Backfill",
    [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [maria, "MANAGER"],
    ],
    [{ title: "Karabakh", text: DEMO_TEXT }],
  );
  const doc = p.documents[0]!;
  await label(ana, doc, 0, { sourcing: "no_claim" }); // Armenia, Azerbaijan, Turkey exist
  await label(ana, doc, 1, { sourcing: "no_claim" });
  await label(ben, doc, 0, { sourcing: "no_claim", confirm: false }); // a status row that is not a confirmation
  await setTargets(p.projectId, ["Armenia", "Azerbaijan", "Turkey", "Russia"]);
  await label(ana, doc, 3, { sourcing: "no_claim" });
  // A stance toward the new target on a sentence confirmed before it, without confirming again
  // (before this change the sentence showed as confirmed): a judgement the backfill must keep.
  await label(ana, doc, 1, { stance: { russia: "unfavorable" }, confirm: false });
  await label(ben, doc, 4, { sourcing: "no_claim" });
  await setTargets(p.projectId, ["Armenia", "Azerbaijan", "Russia"]); // Turkey removed ...
  await setTargets(p.projectId, ["Armenia", "Azerbaijan", "Russia", "Turkey"]); // ... and added again (same key, new target)
  await label(ben, doc, 5, { sourcing: "no_claim" });

  // A Slant export imported into another project, which then gains a target.
  const file = await streamExport(SYSTEM_ACTOR, p.projectId, { format: "jsonl", filters: { includeBoilerplate: true } });
  const copy = await createProject(SYSTEM_ACTOR, { name: "Copy", targets: ["Armenia", "Azerbaijan", "Russia", "Turkey"] });
  await addMember(SYSTEM_ACTOR, copy.id, { email: maria.email, role: "MANAGER" });
  await importSlantJsonl(SYSTEM_ACTOR, copy.id, await collect(file.chunks));
  await setTargets(copy.id, ["Armenia", "Azerbaijan", "Russia", "Turkey", "NATO"]);
});

describe("migration confirmation_targets", () => {
  it("backfills from the audit log what the confirmations covered, as recorded live", async () => {
    const live = await coverage();
    expect(Object.fromEntries(live)).toEqual({
      "P:0:ana": ["armenia", "azerbaijan"], // before Russia, and before Turkey came back
      "P:1:ana": ["armenia", "azerbaijan"],
      "P:3:ana": ["armenia", "azerbaijan", "russia"],
      "P:4:ben": ["armenia", "azerbaijan", "russia"],
      "P:5:ben": ["armenia", "azerbaijan", "russia", "turkey"],
      "copy:0:imported": ["armenia", "azerbaijan"],
      "copy:1:imported": ["armenia", "azerbaijan", "russia"], // the file shows Ana's stance toward Russia
      "copy:3:imported": ["armenia", "azerbaijan", "russia"],
      "copy:4:imported": ["armenia", "azerbaijan", "russia"],
      "copy:5:imported": ["armenia", "azerbaijan", "russia", "turkey"],
    });

    expect(await migrateAgain()).toEqual([MIGRATION]);

    const backfilled = await coverage();
    // The imported confirmations have no audit event of their own: they are placed at the import,
    // so NATO (added after it) is not covered, and what the file said for Turkey and Russia is
    // kept (the rule cannot see inside the file: every target that existed at the import counts).
    expect(Object.fromEntries(backfilled)).toEqual({
      ...Object.fromEntries(live),
      // Ana's stance toward Russia on sentence 1 is hers: it stays a judgement, not "not annotated".
      "P:1:ana": ["armenia", "azerbaijan", "russia"],
      "copy:0:imported": ["armenia", "azerbaijan", "russia", "turkey"],
      "copy:1:imported": ["armenia", "azerbaijan", "russia", "turkey"],
      "copy:3:imported": ["armenia", "azerbaijan", "russia", "turkey"],
      "copy:4:imported": ["armenia", "azerbaijan", "russia", "turkey"],
    });
    const statuses = await (await getDb()).segmentStatus.findMany({ select: { confirmedAt: true, confirmedTargets: true } });
    for (const s of statuses) expect(s.confirmedTargets === null).toBe(s.confirmedAt === null);
  });

  it("where the log has nothing about a confirmation, every target that exists now stays covered", async () => {
    const db = await getDb();
    const doc = p.documents[0]!;
    await db.segmentStatus.create({
      data: { id: "written-by-hand", documentId: doc.id, segmentId: doc.segments[6]!.id, userId: ana.id, confirmedAt: new Date(0) },
    });
    await migrateAgain();
    expect((await coverage()).get("P:6:ana")).toEqual(["armenia", "azerbaijan", "russia", "turkey"]);
  });
});
