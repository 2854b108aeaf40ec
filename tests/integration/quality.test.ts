/**
 * server/quality.ts over a real database (SQLite and PostgreSQL): who may see it, and the figures of
 * a small team read from stored labels, gold, time and confirmations (the computation itself is
 * checked figure by figure in lib/quality/annotators.test.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { useTestDatabase } from "../support/db";
import { DEMO_TEXT, label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { saveGoldLabel } from "@/server/gold";
import { recordSegmentTime } from "@/server/segment-time";
import { getProjectQuality } from "@/server/quality";
import { qualityCsv } from "@/lib/quality/csv";

useTestDatabase();

let ana: Actor, ben: Actor, rita: Actor, mona: Actor, sam: Actor;
let projectId: string;

beforeAll(async () => {
  [ana, ben, rita, mona, sam] = (await Promise.all(["ana", "ben", "rita", "mona", "sam"].map((n) => newActor(`${n}-q@example.org`)))) as [
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
  ];
  const p = await newProject(
    "Quality",
    [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [rita, "REVIEWER"],
      [mona, "MANAGER"],
    ],
    [{ title: "Doc (written for Slant)", text: DEMO_TEXT }],
  );
  projectId = p.projectId;
  const doc = p.documents[0]!;
  // Sentences 3 and 4 (the first ones are captions, boilerplate): Ana and Ben agree on 3, disagree on 4's sourcing.
  await label(ana, doc, 3, { sourcing: "unattributed_claim" });
  await label(ben, doc, 3, { sourcing: "unattributed_claim" });
  await label(ana, doc, 4, { sourcing: "no_claim" });
  await label(ben, doc, 4, { sourcing: "unattributed_claim" });
  await label(ben, doc, 5, { sourcing: "no_claim", confirm: false }); // touched, not confirmed
  await saveGoldLabel(rita, {
    documentId: doc.id,
    segmentId: doc.segments[4]!.id,
    dimension: "sourcing",
    target: null,
    value: "unattributed_claim",
    comment: "",
    baseVersion: null,
  });
  await recordSegmentTime(ana, {
    documentId: doc.id,
    entries: [
      { segmentId: doc.segments[3]!.id, ms: 1200 },
      { segmentId: doc.segments[4]!.id, ms: 9000 },
    ],
  });
});

describe("getProjectQuality", () => {
  it("refuses annotators (403) and strangers (404), and an unknown format (422)", async () => {
    await expect(getProjectQuality(ana, projectId)).rejects.toThrow(ForbiddenError);
    await expect(getProjectQuality(sam, projectId)).rejects.toThrow(NotFoundError);
    await expect(getProjectQuality(mona, projectId, { format: "xml" })).rejects.toThrow(InvalidError);
  });

  it("figures per annotator and per dimension from the stored labels, gold, time and confirmations", async () => {
    const q = await getProjectQuality(rita, projectId);
    expect(q.annotators.map((a) => a.name)).toEqual(["ana-q", "ben-q"]);
    const [a, b] = q.annotators;
    expect(a!.time).toEqual({ sentences: 2, medianMs: 5100, fasterThanFloor: { hits: 1, n: 2, value: 0.5 } });
    expect(b!.confirmation).toEqual({ hits: 2, n: 3, value: 2 / 3 });
    expect(q.goldSentences).toBe(1);
    const sourcing = q.variables.find((v) => v.key === "sourcing")!;
    expect(sourcing.annotators.map((x) => [x.gold.hits, x.gold.n])).toEqual([
      [0, 1],
      [1, 1],
    ]);
    // With one other annotator, the majority is theirs: agree on sentence 3, not on 4.
    expect(sourcing.annotators.map((x) => [x.majority.hits, x.majority.n])).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect(sourcing.kappaN[0]![1]).toBe(2);
    const csv = parseCsv(qualityCsv(q), { columns: true }) as Record<string, string>[];
    const row = csv.find((r) => r.annotator === "ana-q" && r.variable === "sourcing")!;
    expect(row).toMatchObject({ gold_agreement: "0", gold_sentences: "1", majority_agreement: "0.5", median_time_ms: "5100" });
  });
});
