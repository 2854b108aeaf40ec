/**
 * Two managers saving the outlet alias table at once (tests/support/interleave.ts): each save
 * replaces the whole table, so the stored table must be exactly one of the two, never a mix (a mix
 * could hold an alias chain neither save was checked against). On PostgreSQL the gate holds the
 * project row, which both saves need (their lock, or else their inserts' foreign key check).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { openGate, type Gate } from "../support/interleave";
import { newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { updateOutletAliases } from "@/server/outlets";

useTestDatabase();

const ROUNDS = 5;
let m1: Actor, m2: Actor;
let projectId: string;
let gate: Gate;

beforeAll(async () => {
  [m1, m2] = (await Promise.all(["oa-1", "oa-2"].map((n) => newActor(`${n}@example.org`)))) as [Actor, Actor];
  ({ projectId } = await newProject(
    "Alias race",
    [
      [m1, "MANAGER"],
      [m2, "MANAGER"],
    ],
    [],
  ));
  gate = await openGate();
});

afterAll(async () => {
  await gate.open();
  await gate.close();
});

describe("outlet aliases saved by two managers at once", () => {
  it(`leave one manager's table, never a mix (${ROUNDS} forced interleavings)`, async () => {
    const db = await getDb();
    const mixed: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // One merges "TRTWorld" into "TRT World", the other the other way round: both at once would be a chain.
      const a = { outlets: [{ outlet: "TRT World", aliases: [`TRTWorld`, `TRT ${round}`] }] };
      const b = { outlets: [{ outlet: "TRTWorld", aliases: [`TRT World`, `World ${round}`] }] };
      await gate.hold("Project", [projectId]);
      const both = Promise.allSettled([updateOutletAliases(m1, projectId, a), updateOutletAliases(m2, projectId, b)]);
      await gate.waiting(2);
      await gate.open();
      const results = await both;
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
      const rows = await db.outletAlias.findMany({
        where: { projectId },
        orderBy: { alias: "asc" },
        select: { outlet: true, alias: true },
      });
      const table = (x: typeof a) =>
        x.outlets.flatMap((o) => o.aliases.map((alias) => ({ outlet: o.outlet, alias }))).sort((p, q) => p.alias.localeCompare(q.alias));
      const stored = JSON.stringify(rows);
      if (stored !== JSON.stringify(table(a)) && stored !== JSON.stringify(table(b))) mixed.push(`round ${round}: ${stored}`);
    }
    expect(mixed).toEqual([]);
  });
});
