import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { getDb } from "@/server/db/client";
import { insertDocuments } from "@/server/documents";
import { saveAnnotation } from "@/server/annotations";
import { getSegmentEditor, mergeSegments, splitSegment } from "@/server/segments";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { newId } from "@/lib/ids";
import type { SegmentChangeReport } from "@/lib/segment/edit-report";

useTestDatabase();

const BASE = `Armenia denied the accusations. Baku said the shelling continued overnight and blamed Yerevan.

"There is no military solution," he told a news conference on Monday.

Turkey, meanwhile, has supported Baku's right to self-defense.

READ MORE: Turkey calls for ceasefire

Photo: AA

Shelling continues.`;

let ana: Actor, ben: Actor, rita: Actor, mona: Actor, stranger: Actor, admin: Actor;
let projectId: string, slug: string;
let docCount = 0;

beforeAll(async () => {
  [ana, ben, rita, mona, stranger, admin] = (await Promise.all(
    ["ana", "ben", "rita", "mona", "stranger", "admin"].map((n) => newActor(`${n}@example.org`)),
  )) as Actor[] as [Actor, Actor, Actor, Actor, Actor, Actor];
  admin = { ...admin, isAdmin: true };
  const p = await newProject(
    "Segments test",
    [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [rita, "REVIEWER"],
      [mona, "MANAGER"],
    ],
    [],
  );
  ({ projectId, slug } = p);
});

/** A new document of the base text (a numbered last sentence keeps the texts distinct). */
async function newDoc() {
  const text = `${BASE}\n\nDocument ${++docCount}.`;
  const db = await getDb();
  const id = (await db.$transaction((tx) => insertDocuments(tx, SYSTEM_ACTOR, projectId, [{ title: `Doc ${docCount}`, text }])))
    .created[0]!;
  return { id, text, segments: await segments(id) };
}

const segments = async (documentId: string) =>
  (await getDb()).segment.findMany({
    where: { documentId },
    orderBy: { index: "asc" },
    select: { id: true, index: true, start: true, end: true, isBoilerplate: true, boilerplateReason: true },
  });

/** Segments and the gaps between them reproduce the text; offsets increase; indices are 0..n-1. */
async function expectSegmentation(doc: { id: string; text: string }) {
  const segs = await segments(doc.id);
  expect(segs.map((s) => s.index)).toEqual(segs.map((_, i) => i));
  let pos = 0;
  let rebuilt = "";
  for (const s of segs) {
    expect(s.start).toBeGreaterThanOrEqual(pos);
    expect(s.end).toBeGreaterThan(s.start);
    const gap = doc.text.slice(pos, s.start);
    const body = doc.text.slice(s.start, s.end);
    expect(gap.trim()).toBe("");
    expect(body.trim()).toBe(body);
    rebuilt += gap + body;
    pos = s.end;
  }
  expect(rebuilt + doc.text.slice(pos)).toBe(doc.text);
  return segs;
}

async function snapshot(documentId: string) {
  const db = await getDb();
  const where = { segment: { documentId } };
  return {
    segments: await segments(documentId),
    annotations: await db.annotation.findMany({ where: { documentId }, orderBy: { id: "asc" } }),
    gold: await db.goldLabel.findMany({ where, orderBy: { id: "asc" } }),
    statuses: await db.segmentStatus.findMany({ where: { documentId }, orderBy: { id: "asc" } }),
    comments: await db.reviewComment.findMany({ where: { documentId }, orderBy: { id: "asc" } }),
    audit: await db.auditEvent.count(),
  };
}

async function conflictReport(p: Promise<unknown>): Promise<SegmentChangeReport> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ConflictError);
  return (e as ConflictError).details as SegmentChangeReport;
}

const gold = async (segmentId: string, dimension: string, target: string, value: unknown) =>
  (await getDb()).goldLabel.create({ data: { id: newId(), segmentId, dimension, target, value: value as never, decidedById: mona.id } });
const comment = async (documentId: string, segmentId: string) =>
  (await getDb()).reviewComment.create({
    data: { id: newId(), documentId, segmentId, annotatorId: ana.id, authorId: rita.id, comment: "check the source" },
  });
const labelsOf = async (segmentId: string, userId: string) =>
  Object.fromEntries(
    (await (await getDb()).annotation.findMany({ where: { segmentId, userId } })).map((a) => [
      `${a.dimension}:${a.target}`,
      { value: a.value, version: a.version },
    ]),
  );

describe("split", () => {
  it("splits an unlabelled sentence at once, keeping the segmentation invariant, and audits the offsets", async () => {
    const doc = await newDoc();
    const s1 = doc.segments[1]!;
    const r = await splitSegment(mona, { documentId: doc.id, segmentId: s1.id, at: doc.text.indexOf("and blamed") });
    const segs = await expectSegmentation(doc);
    expect(segs).toHaveLength(doc.segments.length + 1);
    expect(r.segments.map((s) => s.id)).toEqual(segs.map((s) => s.id));
    expect(segs[1]!.id).toBe(s1.id);
    expect(doc.text.slice(segs[1]!.start, segs[1]!.end)).toBe("Baku said the shelling continued overnight");
    expect(doc.text.slice(segs[2]!.start, segs[2]!.end)).toBe("and blamed Yerevan.");
    expect(segs.slice(3).map((s) => s.id)).toEqual(doc.segments.slice(2).map((s) => s.id));
    expect(r.report).toMatchObject({
      operation: "split",
      needsConfirmation: false,
      annotators: [],
      after: [{ id: s1.id }, { id: segs[2]!.id }],
    });
    const event = await (await getDb()).auditEvent.findFirstOrThrow({ where: { action: "segment.split", entityId: s1.id } });
    expect(event.actorId).toBe(mona.id);
    expect(event.before).toMatchObject({ segments: [{ start: s1.start, end: s1.end }] });
    expect(event.after).toMatchObject({
      segments: [
        { start: s1.start, end: segs[1]!.end },
        { start: segs[2]!.start, end: s1.end },
      ],
    });
  });

  it("snaps a point inside a word to the nearest word boundary", async () => {
    const doc = await newDoc();
    await splitSegment(mona, { documentId: doc.id, segmentId: doc.segments[1]!.id, at: doc.text.indexOf("overnight") + 3 });
    const segs = await expectSegmentation(doc);
    expect(doc.text.slice(segs[2]!.start, segs[2]!.end)).toBe("overnight and blamed Yerevan.");
  });

  it.each([
    ["at the sentence's start", (s: { start: number }) => s.start, /not strictly inside the sentence/],
    ["at its end", (s: { end: number }) => s.end, /not strictly inside the sentence/],
    ["outside it", (s: { end: number }) => s.end + 10, /not strictly inside the sentence/],
    ["inside its first word (snaps to the start)", (s: { start: number }) => s.start + 2, /first part empty or whitespace only/],
  ])("refuses a split point %s and changes nothing", async (_what, at, message) => {
    const doc = await newDoc();
    const last = doc.segments.at(-2)!; // "Shelling continues."
    const before = await snapshot(doc.id);
    const p = splitSegment(mona, { documentId: doc.id, segmentId: last.id, at: at(last) });
    await expect(p).rejects.toThrow(InvalidError);
    await expect(p).rejects.toThrow(message);
    expect(await snapshot(doc.id)).toEqual(before);
  });

  it("refuses a split that leaves a whitespace-only part", async () => {
    const doc = await newDoc();
    const s0 = doc.segments[0]!;
    // A sentence stored with its trailing space (older segmentations did this).
    await (await getDb()).segment.update({ where: { id: s0.id }, data: { end: s0.end + 1 } });
    await expect(splitSegment(mona, { documentId: doc.id, segmentId: s0.id, at: s0.end })).rejects.toThrow(
      /second part empty or whitespace only/,
    );
    await expect(splitSegment(mona, { documentId: doc.id, segmentId: s0.id, at: -1 })).rejects.toThrow(InvalidError);
  });

  it("asks first when labels exist, then keeps them on the first part and moves or clips spans", async () => {
    const doc = await newDoc();
    const s1 = doc.segments[1]!;
    await label(ana, doc, 1, {
      sourcing: "paraphrased_attribution",
      type: "government_official",
      side: "azerbaijan",
      spans: [
        ["shelling", "loaded_language"],
        ["continued overnight and blamed", "opinion_or_speculation"],
        ["Yerevan", "loaded_language"],
      ],
    });
    await label(ben, doc, 1, { stance: { armenia: "unfavorable" }, confirm: false });
    await gold(s1.id, "sourcing", "", "paraphrased_attribution");
    const yerevan = doc.text.indexOf("Yerevan");
    await gold(s1.id, "spans", "", [{ start: yerevan, end: yerevan + 7, label: "loaded_language" }]);
    await comment(doc.id, s1.id);
    const input = { documentId: doc.id, segmentId: s1.id, at: doc.text.indexOf("and blamed") };

    const before = await snapshot(doc.id);
    const report = await conflictReport(splitSegment(mona, input));
    expect(await snapshot(doc.id)).toEqual(before);
    expect(report).toMatchObject({ operation: "split", needsConfirmation: true, reviewComments: 1, dropped: [] });
    expect(report.annotators).toEqual([
      {
        userId: ana.id,
        name: "ana",
        labels: 4,
        kept: 4,
        moved: 0,
        dropped: 0,
        spansMoved: 1,
        spansClipped: 1,
        spansJoined: 0,
        confirmation: "kept",
      },
      {
        userId: ben.id,
        name: "ben",
        labels: 1,
        kept: 1,
        moved: 0,
        dropped: 0,
        spansMoved: 0,
        spansClipped: 0,
        spansJoined: 0,
        confirmation: null,
      },
    ]);
    expect(report.gold).toMatchObject({ labels: 2, kept: 2, spansMoved: 1, spansClipped: 0 });
    expect(report.summary[0]).toBe("2 annotators' labels on sentence 2: ana (4 labels), ben (1 label). They stay on the first part.");
    expect(report.summary).toContain("ana: 1 span moves to the second part with its text; 1 span is clipped at the split point.");

    await splitSegment(mona, { ...input, confirm: true });
    const segs = await expectSegmentation(doc);
    const [first, second] = [segs[1]!, segs[2]!];
    expect(first.id).toBe(s1.id);
    const at = (phrase: string) => doc.text.indexOf(phrase);
    const anaFirst = await labelsOf(first.id, ana.id);
    expect(anaFirst["sourcing:"]).toEqual({ value: "paraphrased_attribution", version: 1 });
    expect(anaFirst["spans:"]).toEqual({
      value: [
        { start: at("shelling"), end: at("shelling") + 8, label: "loaded_language" },
        { start: at("continued"), end: at("overnight") + 9, label: "opinion_or_speculation" },
      ],
      version: 2,
    });
    expect(await labelsOf(second.id, ana.id)).toEqual({
      "spans:": { value: [{ start: yerevan, end: yerevan + 7, label: "loaded_language" }], version: 1 },
    });
    expect(await labelsOf(first.id, ben.id)).toEqual({ "stance:armenia": { value: "unfavorable", version: 1 } });
    expect(await labelsOf(second.id, ben.id)).toEqual({});
    const db = await getDb();
    expect(
      (await db.segmentStatus.findMany({ where: { documentId: doc.id } })).map((s) => [s.segmentId, s.userId, !!s.confirmedAt]),
    ).toEqual([[first.id, ana.id, true]]);
    expect((await db.goldLabel.findMany({ where: { segmentId: second.id } })).map((g) => [g.dimension, g.value])).toEqual([
      ["spans", [{ start: yerevan, end: yerevan + 7, label: "loaded_language" }]],
    ]);
    expect(await db.goldLabel.findFirst({ where: { segmentId: first.id, dimension: "spans" } })).toMatchObject({ value: [], version: 2 });
    expect((await db.reviewComment.findMany({ where: { documentId: doc.id } })).map((c) => c.segmentId)).toEqual([first.id]);
  });
});

describe("merge", () => {
  it("merges two unlabelled neighbours at once; boilerplate only if both were", async () => {
    const doc = await newDoc();
    const s = doc.segments;
    const r = await mergeSegments(mona, { documentId: doc.id, segmentIds: [s[0]!.id, s[1]!.id] });
    let segs = await expectSegmentation(doc);
    expect(segs).toHaveLength(s.length - 1);
    expect(r.segments).toHaveLength(s.length - 1);
    expect(segs[0]).toMatchObject({ id: s[0]!.id, start: s[0]!.start, end: s[1]!.end });
    const event = await (await getDb()).auditEvent.findFirstOrThrow({ where: { action: "segment.merge", entityId: s[0]!.id } });
    expect(event.before).toMatchObject({
      segments: [
        { id: s[0]!.id, start: s[0]!.start, end: s[0]!.end },
        { id: s[1]!.id, start: s[1]!.start, end: s[1]!.end },
      ],
    });
    expect(event.after).toMatchObject({ segments: [{ id: s[0]!.id, start: s[0]!.start, end: s[1]!.end }] });
    // "READ MORE: …" and "Photo: AA" are both boilerplate; "Turkey, …" is not.
    await mergeSegments(mona, { documentId: doc.id, segmentIds: [s[5]!.id, s[4]!.id] });
    segs = await expectSegmentation(doc);
    expect(segs[3]).toMatchObject({ id: s[4]!.id, isBoilerplate: true, boilerplateReason: "read_more" });
    await mergeSegments(mona, { documentId: doc.id, segmentIds: [s[3]!.id, s[4]!.id] });
    segs = await expectSegmentation(doc);
    expect(segs[2]).toMatchObject({ id: s[3]!.id, isBoilerplate: false, boilerplateReason: null, end: s[5]!.end });
  });

  it("asks first when labels exist, then keeps the second's labels where the first has none and drops the rest", async () => {
    const doc = await newDoc();
    const [a, b] = [doc.segments[2]!, doc.segments[3]!];
    await label(ana, doc, 2, {
      sourcing: "direct_quote",
      type: "government_official",
      side: "armenia",
      spans: [["military solution", "loaded_language"]],
    });
    await label(ana, doc, 3, {
      sourcing: "paraphrased_attribution",
      stance: { turkey: "favorable" },
      spans: [["supported", "loaded_language"]],
      confirm: false,
    });
    const cleared = await saveAnnotation(ana, {
      documentId: doc.id,
      segmentId: b.id,
      dimension: "stance",
      target: "azerbaijan",
      value: "neutral",
      baseVersion: null,
    });
    await saveAnnotation(ana, {
      documentId: doc.id,
      segmentId: b.id,
      dimension: "stance",
      target: "azerbaijan",
      value: null,
      baseVersion: cleared.version,
    });
    await label(ben, doc, 3, { sourcing: "no_claim" });
    await gold(a.id, "sourcing", "", "direct_quote");
    await gold(b.id, "sourcing", "", "paraphrased_attribution");
    await gold(b.id, "stance", "turkey", "favorable");
    const c = await comment(doc.id, b.id);
    const input = { documentId: doc.id, segmentIds: [a.id, b.id] };

    const before = await snapshot(doc.id);
    const report = await conflictReport(mergeSegments(mona, input));
    expect(await snapshot(doc.id)).toEqual(before);
    expect(report.annotators).toEqual([
      {
        userId: ana.id,
        name: "ana",
        labels: 7,
        kept: 4,
        moved: 1,
        dropped: 1,
        spansMoved: 0,
        spansClipped: 0,
        spansJoined: 1,
        confirmation: "cleared",
      },
      {
        userId: ben.id,
        name: "ben",
        labels: 1,
        kept: 0,
        moved: 1,
        dropped: 0,
        spansMoved: 0,
        spansClipped: 0,
        spansJoined: 0,
        confirmation: "cleared",
      },
    ]);
    expect(report.gold).toMatchObject({ labels: 3, kept: 1, moved: 1, dropped: 1 });
    expect(report.dropped).toEqual([
      { annotator: "ana", dimension: "sourcing", target: null, value: "paraphrased_attribution", keptValue: "direct_quote" },
      { annotator: null, dimension: "sourcing", target: null, value: "paraphrased_attribution", keptValue: "direct_quote" },
    ]);
    expect(report.summary).toContain("Confirmations cleared for ana, ben: they confirmed only one of the two sentences.");

    await mergeSegments(mona, { ...input, confirm: true });
    const segs = await expectSegmentation(doc);
    expect(segs[2]).toMatchObject({ id: a.id, start: a.start, end: b.end });
    expect(segs.some((s) => s.id === b.id)).toBe(false);
    const at = (phrase: string) => doc.text.indexOf(phrase);
    const anaLabels = await labelsOf(a.id, ana.id);
    expect(Object.keys(anaLabels).sort()).toEqual(["source_side:", "source_type:", "sourcing:", "spans:", "stance:turkey"]);
    expect(anaLabels["sourcing:"]).toEqual({ value: "direct_quote", version: 1 });
    expect(anaLabels["stance:turkey"]).toEqual({ value: "favorable", version: 2 });
    expect(anaLabels["spans:"]).toEqual({
      value: [
        { start: at("military solution"), end: at("military solution") + 17, label: "loaded_language" },
        { start: at("supported"), end: at("supported") + 9, label: "loaded_language" },
      ],
      version: 2,
    });
    expect(await labelsOf(a.id, ben.id)).toEqual({ "sourcing:": { value: "no_claim", version: 2 } });
    const db = await getDb();
    expect((await db.segmentStatus.findMany({ where: { documentId: doc.id } })).map((s) => [s.segmentId, s.userId, s.confirmedAt])).toEqual(
      [[a.id, ana.id, null]],
    );
    expect(
      (await db.goldLabel.findMany({ where: { segmentId: a.id }, orderBy: { dimension: "asc" } })).map((g) => [
        g.dimension,
        g.target,
        g.value,
      ]),
    ).toEqual([
      ["sourcing", "", "direct_quote"],
      ["stance", "turkey", "favorable"],
    ]);
    expect(await db.reviewComment.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ segmentId: a.id });
  });

  it("refuses sentences that are not neighbours, the same sentence twice, or another document's", async () => {
    const doc = await newDoc();
    const other = await newDoc();
    const s = doc.segments;
    const before = await snapshot(doc.id);
    await expect(mergeSegments(mona, { documentId: doc.id, segmentIds: [s[0]!.id, s[2]!.id] })).rejects.toThrow(
      /Sentences 1 and 3 are not neighbours/,
    );
    await expect(mergeSegments(mona, { documentId: doc.id, segmentIds: [s[0]!.id, s[0]!.id] })).rejects.toThrow(InvalidError);
    await expect(mergeSegments(mona, { documentId: doc.id, segmentIds: [s[0]!.id, other.segments[1]!.id] })).rejects.toThrow(NotFoundError);
    await expect(mergeSegments(mona, { documentId: doc.id, segmentIds: [s[0]!.id] } as never)).rejects.toThrow(/exactly two/);
    expect(await snapshot(doc.id)).toEqual(before);
  });
});

describe("concurrent edits", () => {
  it("serialises a split and a merge of the same document", async () => {
    const doc = await newDoc();
    const s = doc.segments;
    await Promise.all([
      splitSegment(mona, { documentId: doc.id, segmentId: s[1]!.id, at: doc.text.indexOf("and blamed") }),
      mergeSegments(mona, { documentId: doc.id, segmentIds: [s[4]!.id, s[5]!.id] }),
    ]);
    expect(await expectSegmentation(doc)).toHaveLength(s.length);
  });
});

describe("who may edit sentences", () => {
  it("refuses annotators and reviewers (403) and strangers (404); admins act as managers", async () => {
    const doc = await newDoc();
    const s = doc.segments;
    const before = await snapshot(doc.id);
    for (const who of [ana, rita]) {
      await expect(splitSegment(who, { documentId: doc.id, segmentId: s[1]!.id, at: doc.text.indexOf("and blamed") })).rejects.toThrow(
        ForbiddenError,
      );
      await expect(mergeSegments(who, { documentId: doc.id, segmentIds: [s[0]!.id, s[1]!.id] })).rejects.toThrow(ForbiddenError);
      await expect(getSegmentEditor(who, slug, doc.id)).rejects.toThrow(ForbiddenError);
    }
    await expect(splitSegment(stranger, { documentId: doc.id, segmentId: s[1]!.id, at: doc.text.indexOf("and blamed") })).rejects.toThrow(
      NotFoundError,
    );
    await expect(mergeSegments(stranger, { documentId: doc.id, segmentIds: [s[0]!.id, s[1]!.id] })).rejects.toThrow(NotFoundError);
    await expect(getSegmentEditor(stranger, slug, doc.id)).rejects.toThrow(NotFoundError);
    expect(await snapshot(doc.id)).toEqual(before);

    await mergeSegments(admin, { documentId: doc.id, segmentIds: [s[0]!.id, s[1]!.id] });
    const editor = await getSegmentEditor(mona, slug, doc.id);
    expect(editor.segments).toHaveLength(s.length - 1);
    expect(editor.document.text).toBe(doc.text);
  });
});
