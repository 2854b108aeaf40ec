/**
 * Time per sentence (server/segment-time.ts): only the member's own rows, only sentences of the
 * document, no label written, and two flushes at once (two tabs) both count, forced to interleave
 * on PostgreSQL (tests/support/interleave.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { openGate, type Gate } from "../support/interleave";
import { DEMO_TEXT, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { InvalidError, NotFoundError } from "@/server/errors";
import { recordSegmentTime } from "@/server/segment-time";

useTestDatabase();

let ana: Actor, rex: Actor, stranger: Actor;
let doc: { id: string; segments: { id: string }[] };
let otherDoc: { id: string; segments: { id: string }[] };
let gate: Gate;

beforeAll(async () => {
  [ana, rex, stranger] = (await Promise.all(["ana", "rex", "sam"].map((n) => newActor(`${n}@example.org`)))) as [Actor, Actor, Actor];
  const p = await newProject(
    "Timing",
    [
      [ana, "ANNOTATOR"],
      [rex, "REVIEWER"],
    ],
    [
      { title: "Doc A (written for Slant)", text: DEMO_TEXT },
      { title: "Doc B (written for Slant)", text: "One sentence here. Another one there." },
    ],
  );
  [doc, otherDoc] = [p.documents[0]!, p.documents[1]!];
  gate = await openGate();
});

afterAll(async () => {
  await gate.open();
  await gate.close();
});

async function stored(userId: string, segmentId: string) {
  const db = await getDb();
  return (await db.segmentTime.findUnique({ where: { segmentId_userId: { segmentId, userId } }, select: { ms: true } }))?.ms ?? null;
}

describe("recordSegmentTime", () => {
  it("adds to the annotator's own time per sentence, over several flushes, and writes no label", async () => {
    const [s0, s1] = [doc.segments[0]!.id, doc.segments[1]!.id];
    await recordSegmentTime(ana, { documentId: doc.id, entries: [{ segmentId: s0, ms: 1500 }] });
    expect(
      await recordSegmentTime(ana, {
        documentId: doc.id,
        entries: [
          { segmentId: s0, ms: 700 },
          { segmentId: s1, ms: 40 },
        ],
      }),
    ).toEqual({
      recorded: 2,
    });
    await recordSegmentTime(rex, { documentId: doc.id, entries: [{ segmentId: s0, ms: 9 }] });
    expect(await stored(ana.id, s0)).toBe(2200);
    expect(await stored(ana.id, s1)).toBe(40);
    expect(await stored(rex.id, s0)).toBe(9);
    const db = await getDb();
    expect(await db.annotation.count()).toBe(0);
    expect(await db.segmentStatus.count()).toBe(0);
  });

  it("refuses a non-member (404), a sentence of another document (404, nothing stored) and bad input (422)", async () => {
    const s = doc.segments[2]!.id;
    await expect(recordSegmentTime(stranger, { documentId: doc.id, entries: [{ segmentId: s, ms: 10 }] })).rejects.toThrow(NotFoundError);
    await expect(
      recordSegmentTime(ana, {
        documentId: doc.id,
        entries: [
          { segmentId: s, ms: 10 },
          { segmentId: otherDoc.segments[0]!.id, ms: 10 },
        ],
      }),
    ).rejects.toThrow(/not found in this document/);
    expect(await stored(ana.id, s)).toBeNull();
    expect(await stored(stranger.id, s)).toBeNull();
    for (const entries of [
      [],
      [{ segmentId: s, ms: 0 }],
      [{ segmentId: s, ms: 1.5 }],
      [
        { segmentId: s, ms: 1 },
        { segmentId: s, ms: 2 },
      ],
    ])
      await expect(recordSegmentTime(ana, { documentId: doc.id, entries })).rejects.toThrow(InvalidError);
  });
});

describe("two flushes at once (two tabs) both count", () => {
  /** Both flushes past their reads and waiting for their write at the same moment, then released. */
  async function race(segmentId: string, hold: () => Promise<void>) {
    await hold();
    const a = recordSegmentTime(ana, { documentId: doc.id, entries: [{ segmentId, ms: 1000 }] });
    const b = recordSegmentTime(ana, { documentId: doc.id, entries: [{ segmentId, ms: 234 }] });
    await gate.waiting(2);
    await gate.open();
    await Promise.all([a, b]);
  }

  it("the first time for a sentence (both insert the row)", async () => {
    const s = doc.segments[3]!.id;
    // The inserts' foreign-key check on ana's user row waits for the gate.
    await race(s, () => gate.hold("User", [ana.id]));
    expect(await stored(ana.id, s)).toBe(1234);
  });

  it("a sentence with time already stored (both update the row)", async () => {
    const s = doc.segments[4]!.id;
    await recordSegmentTime(ana, { documentId: doc.id, entries: [{ segmentId: s, ms: 5 }] });
    const db = await getDb();
    const row = await db.segmentTime.findUniqueOrThrow({ where: { segmentId_userId: { segmentId: s, userId: ana.id } } });
    await race(s, () => gate.hold("SegmentTime", [row.id]));
    expect(await stored(ana.id, s)).toBe(1239);
  });
});
