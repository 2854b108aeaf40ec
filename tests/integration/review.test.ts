import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { DEMO_TEXT, label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { getReview, listGoldLabels, listMyReviewComments, listReviewDocuments, saveGoldLabel, sendBack } from "@/server/review";
import { getDb } from "@/server/db/client";
import { getWorkspace } from "@/server/workspace";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { streamExport } from "@/server/export";
import type { SentenceRecord } from "@/lib/export";
import { collect } from "../support/export-fixture";

useTestDatabase();

let ana: Actor, ben: Actor, cem: Actor, rita: Actor, mona: Actor, stranger: Actor;
let projectId: string;
let doc: Awaited<ReturnType<typeof newProject>>["documents"][number];
const seg = (i: number) => doc.segments[i]!.id;

beforeAll(async () => {
  [ana, ben, cem, rita, mona, stranger] = (await Promise.all(
    ["ana", "ben", "cem", "rita", "mona", "stranger"].map((n) => newActor(`${n}@example.org`)),
  )) as [Actor, Actor, Actor, Actor, Actor, Actor];
  const p = await newProject(
    "Review test",
    [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [cem, "ANNOTATOR"],
      [rita, "REVIEWER"],
      [mona, "MANAGER"],
    ],
    [{ title: "Karabakh", text: DEMO_TEXT }],
  );
  projectId = p.projectId;
  doc = p.documents[0]!;
  await label(ana, doc, 0, {
    sourcing: "paraphrased_attribution",
    type: "government_official",
    side: "turkey",
    stance: { armenia: "unfavorable" },
    spans: [["war crimes", "loaded_language"]],
  });
  await label(ben, doc, 0, {
    sourcing: "paraphrased_attribution",
    type: "military",
    side: "turkey",
    stance: { armenia: "unfavorable" },
    spans: [
      ["war crimes", "loaded_language"],
      ["occupied", "loaded_language"],
    ],
  });
  await label(cem, doc, 0, { sourcing: "unattributed_claim", spans: [["accused", "loaded_language"]] });
  for (const a of [ana, ben, cem]) await label(a, doc, 5, { sourcing: "direct_quote", type: "government_official", side: "azerbaijan" });
  await label(ana, doc, 7, { sourcing: "no_claim" });
  await label(ben, doc, 7, { sourcing: "unattributed_claim", stance: { armenia: "neutral" } });
  await label(cem, doc, 7, { sourcing: "no_claim", confirm: false }); // not confirmed: shown, does not vote
});

async function snapshot() {
  const db = await getDb();
  return { gold: await db.goldLabel.findMany({ orderBy: { id: "asc" } }), audit: await db.auditEvent.count() };
}

describe("review of a document", () => {
  it("shows every annotator's labels side by side, with disagreements and the majority vote", async () => {
    const r = await getReview(rita, projectId, doc.id);
    expect(r.annotators.map((a) => a.name)).toEqual(["ana", "ben", "cem"]);
    const s0 = r.sentences[0]!;
    expect(s0.labels.map((l) => [l.userId, l.confirmed])).toEqual([
      [ana.id, true],
      [ben.id, true],
      [cem.id, true],
    ]);
    expect(s0.labels[0]!.values["sourcing:"]).toBe("paraphrased_attribution");
    expect(s0.verdicts["sourcing:"]).toEqual({
      disagreement: true,
      majority: { value: "paraphrased_attribution", votes: 2, of: 3, tie: false },
    });
    // Cem left Armenia empty on a confirmed sentence: that is "none" (null), outvoted 2 to 1.
    expect(s0.verdicts["stance:armenia"]).toEqual({ disagreement: true, majority: { value: "unfavorable", votes: 2, of: 3, tie: false } });
    expect(s0.verdicts["stance:turkey"]).toEqual({ disagreement: false, majority: { value: null, votes: 3, of: 3, tie: false } });
    // Three different source types (Cem gave none): a three-way tie, no winner.
    expect(s0.verdicts["source_type:"]!.majority).toMatchObject({ value: null, tie: true });
    // Spans: "war crimes" was marked by two of three, "occupied" and "accused" by one.
    const spans = s0.verdicts["spans:"]!.majority!.value as { start: number; end: number; label: string }[];
    expect(spans.map((s) => doc.text.slice(s.start, s.end))).toEqual(["war crimes"]);
    expect(s0.disagreements).toBe(5); // sourcing, source type, source side, Armenia, spans
    expect(r.sentences[5]!.disagreements).toBe(0);
    expect(r.sentences[5]!.verdicts["source_side:"]!.majority).toMatchObject({ value: "azerbaijan", votes: 3, of: 3 });
  });

  it("reports a tie between two annotators, and leaves unconfirmed labels out of the vote", async () => {
    const s7 = (await getReview(rita, projectId, doc.id)).sentences[7]!;
    expect(s7.labels.find((l) => l.userId === cem.id)).toMatchObject({ confirmed: false, values: { "sourcing:": "no_claim" } });
    expect(s7.verdicts["sourcing:"]).toEqual({ disagreement: true, majority: { value: null, votes: 1, of: 2, tie: true } });
    expect(s7.verdicts["stance:armenia"]!.majority).toMatchObject({ tie: true, value: null });
  });

  it("lists documents with annotators, disagreements and gold progress", async () => {
    const r = await listReviewDocuments(mona, projectId);
    expect(r.documents[0]).toMatchObject({ annotators: 3, compared: 3, disagreements: 2, labelled: 3, adjudicated: 0 });
  });
});

describe("gold labels", () => {
  const base = () => ({ documentId: doc.id, segmentId: seg(0), dimension: "sourcing", target: null, comment: "" });

  it("saves, versions and audits a gold label in one transaction", async () => {
    const g = await saveGoldLabel(rita, {
      ...base(),
      value: "paraphrased_attribution",
      comment: "Cavusoglu is paraphrased",
      baseVersion: null,
    });
    expect(g).toMatchObject({
      value: "paraphrased_attribution",
      version: 1,
      comment: "Cavusoglu is paraphrased",
      decidedBy: { id: rita.id, name: "rita" },
    });
    const g2 = await saveGoldLabel(rita, { ...base(), value: "unattributed_claim", baseVersion: 1 });
    expect(g2.version).toBe(2);
    const db = await getDb();
    const events = await db.auditEvent.findMany({ where: { action: "gold.save" }, orderBy: { createdAt: "asc" } });
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ actorId: rita.id, projectId, entityType: "gold", entityId: `${seg(0)}:sourcing:` });
    expect(events[1]!.before).toMatchObject({ value: "paraphrased_attribution", version: 1 });
    expect(events[1]!.after).toMatchObject({ value: "unattributed_claim", version: 2 });
    const r = await getReview(rita, projectId, doc.id);
    expect(r.sentences[0]!.gold["sourcing:"]).toMatchObject({ value: "unattributed_claim", version: 2 });
    expect((await listReviewDocuments(rita, projectId)).documents[0]!.adjudicated).toBe(1);
    // The same decision saved again by the same reviewer is no new version and no second event.
    expect(await saveGoldLabel(rita, { ...base(), value: "unattributed_claim", comment: "", baseVersion: 2 })).toMatchObject({
      version: 2,
    });
    expect(await db.auditEvent.count({ where: { action: "gold.save" } })).toBe(2);
  });

  it("refuses a stale version with the current label, and accepts a retried identical save", async () => {
    const before = await snapshot();
    const stale = saveGoldLabel(mona, { ...base(), value: "no_claim", baseVersion: 1 });
    await expect(stale).rejects.toThrow(ConflictError);
    await stale.catch((e: ConflictError) => expect(e.details).toMatchObject({ current: { value: "unattributed_claim", version: 2 } }));
    const retried = await saveGoldLabel(rita, { ...base(), value: "unattributed_claim", baseVersion: 1 });
    expect(retried.version).toBe(2);
    expect(await snapshot()).toEqual(before);
  });

  it("clears with null (a recorded decision) and stores spans and per-target stances", async () => {
    const cleared = await saveGoldLabel(rita, { ...base(), value: null, baseVersion: 2 });
    expect(cleared).toMatchObject({ value: null, version: 3 });
    const start = doc.text.indexOf("war crimes");
    const spans = await saveGoldLabel(rita, {
      ...base(),
      dimension: "spans",
      value: [{ start, end: start + 10, label: "loaded_language" }],
      baseVersion: null,
    });
    expect(spans.value).toEqual([{ start, end: start + 10, label: "loaded_language" }]);
    await saveGoldLabel(rita, { ...base(), dimension: "stance", target: "armenia", value: "unfavorable", baseVersion: null });
    const gold = await listGoldLabels(mona, doc.id);
    expect(gold.map((g) => [g.dimension, g.target, g.value])).toEqual([
      ["sourcing", null, null],
      ["spans", null, [{ start, end: start + 10, label: "loaded_language" }]],
      ["stance", "armenia", "unfavorable"],
    ]);
  });

  it.each([
    [{ dimension: "nope", value: "x" }, /unknown dimension/],
    [{ dimension: "sourcing", value: "hearsay" }, /not one of/],
    [{ dimension: "stance", target: "narnia", value: "neutral" }, /target/],
    [{ dimension: "stance", target: null, value: "neutral" }, /target/],
    [{ dimension: "sourcing", target: "armenia", value: "no_claim" }, /does not take a target/],
    [{ dimension: "spans", value: [{ start: 0, end: 99999, label: "loaded_language" }] }, /outside/],
    [{ dimension: "sourcing", value: "no_claim", comment: "x".repeat(2001) }, /2000/],
  ])("refuses an invalid gold value %j and changes nothing", async (bad, message) => {
    const before = await snapshot();
    await expect(saveGoldLabel(rita, { ...base(), segmentId: seg(5), baseVersion: null, ...bad } as never)).rejects.toThrow(InvalidError);
    await expect(saveGoldLabel(rita, { ...base(), segmentId: seg(5), baseVersion: null, ...bad } as never)).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });
});

describe("sending a sentence back", () => {
  it("stores and audits the comment; only that annotator sees it", async () => {
    const c = await sendBack(rita, {
      documentId: doc.id,
      segmentId: seg(0),
      annotatorId: cem.id,
      comment: "  Cavusoglu is named: this is attributed.  ",
    });
    expect(c).toMatchObject({
      annotatorId: cem.id,
      annotatorName: "cem",
      authorName: "rita",
      comment: "Cavusoglu is named: this is attributed.",
    });
    expect(await listMyReviewComments(cem, doc.id)).toEqual([
      {
        id: c.id,
        segmentId: seg(0),
        segmentIndex: 0,
        comment: "Cavusoglu is named: this is attributed.",
        from: "rita",
        createdAt: c.createdAt,
      },
    ]);
    expect(await listMyReviewComments(ana, doc.id)).toEqual([]);
    expect(await listMyReviewComments(rita, doc.id)).toEqual([]);
    // The annotator's workspace carries it, and nobody else's does.
    expect((await getWorkspace(cem, projectId, doc.id)).reviewComments).toEqual([
      {
        id: c.id,
        segmentId: seg(0),
        pending: true,
        comment: "Cavusoglu is named: this is attributed.",
        from: "rita",
        createdAt: c.createdAt,
      },
    ]);
    expect((await getWorkspace(ana, projectId, doc.id)).reviewComments).toEqual([]);
    await expect(listMyReviewComments(stranger, doc.id)).rejects.toThrow(NotFoundError);
    const db = await getDb();
    expect(await db.auditEvent.count({ where: { action: "review.send_back", entityId: seg(0), actorId: rita.id } })).toBe(1);
    expect((await getReview(rita, projectId, doc.id)).sentences[0]!.sentBack).toMatchObject([{ annotatorId: cem.id, comment: c.comment }]);
  });

  it("refuses an empty comment and an annotator outside the project", async () => {
    const before = await snapshot();
    await expect(sendBack(rita, { documentId: doc.id, segmentId: seg(0), annotatorId: cem.id, comment: "   " })).rejects.toThrow(
      InvalidError,
    );
    await expect(sendBack(rita, { documentId: doc.id, segmentId: seg(0), annotatorId: stranger.id, comment: "look" })).rejects.toThrow(
      NotFoundError,
    );
    expect(await snapshot()).toEqual(before);
  });
});

describe("authorization", () => {
  it("forbids annotators and hides everything from non-members", async () => {
    const before = await snapshot();
    const gold = {
      documentId: doc.id,
      segmentId: seg(5),
      dimension: "sourcing",
      target: null,
      value: "direct_quote",
      comment: "",
      baseVersion: null,
    };
    const back = { documentId: doc.id, segmentId: seg(5), annotatorId: ben.id, comment: "look again" };
    await expect(getReview(ana, projectId, doc.id)).rejects.toThrow(ForbiddenError);
    await expect(listReviewDocuments(ana, projectId)).rejects.toThrow(ForbiddenError);
    await expect(saveGoldLabel(ana, gold)).rejects.toThrow(ForbiddenError);
    await expect(listGoldLabels(ana, doc.id)).rejects.toThrow(ForbiddenError);
    await expect(sendBack(ana, back)).rejects.toThrow(ForbiddenError);
    await expect(getReview(stranger, projectId, doc.id)).rejects.toThrow(NotFoundError);
    await expect(listReviewDocuments(stranger, projectId)).rejects.toThrow(NotFoundError);
    await expect(saveGoldLabel(stranger, gold)).rejects.toThrow(NotFoundError);
    await expect(listGoldLabels(stranger, doc.id)).rejects.toThrow(NotFoundError);
    await expect(sendBack(stranger, back)).rejects.toThrow(NotFoundError);
    expect(await snapshot()).toEqual(before);
    // A site admin who is not a member acts as a manager.
    await expect(getReview({ ...stranger, isAdmin: true }, projectId, doc.id)).resolves.toMatchObject({
      annotators: [{ name: "ana" }, { name: "ben" }, { name: "cem" }],
    });
  });
});

describe("majority spans: the export's are the Review screen's", () => {
  it("a majority, a tie (with the tied words listed for the reviewer) and no majority, as exported", async () => {
    // Sentence 4: "Aliyev" by both (the majority's), "Ilham" by one of two (a tie). Sentence 5: three different words (no majority).
    await label(ana, doc, 3, { sourcing: "no_claim", spans: [["Ilham Aliyev", "loaded_language"]] });
    await label(ben, doc, 3, { sourcing: "no_claim", spans: [["Aliyev", "loaded_language"]] });
    await label(ana, doc, 4, { sourcing: "no_claim", spans: [["accused", "loaded_language"]] });
    await label(ben, doc, 4, { sourcing: "no_claim", spans: [["targeting", "loaded_language"]] });
    await label(cem, doc, 4, { sourcing: "no_claim", spans: [["civilians", "loaded_language"]] });
    const review = await getReview(rita, projectId, doc.id);
    const at = (i: number) => review.sentences[i]!.verdicts["spans:"]!.majority!;
    const words = (spans: readonly { start: number; end: number }[]) => spans.map((s) => doc.text.slice(s.start, s.end));
    expect(words(at(0).value as { start: number; end: number }[])).toEqual(["war crimes"]);
    expect(at(3)).toMatchObject({ tie: true, value: null });
    expect(words(at(3).spans!.sure)).toEqual(["Aliyev"]);
    expect(words(at(3).spans!.tied)).toEqual(["Ilham"]);
    expect(at(4)).toMatchObject({ tie: false, value: null });

    const file = await streamExport(mona, projectId, { format: "jsonl", filters: {} });
    const records = new TextDecoder()
      .decode(await collect(file.chunks))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as SentenceRecord);
    for (const i of [0, 3, 4]) {
      const m = at(i);
      const r = records.find((x) => x.sentence_index === i)!;
      const expected = m.tie ? null : words((m.value ?? []) as { start: number; end: number }[]);
      const exported = r.majority!.spans as { text: string; start: number; end: number }[] | null;
      expect(exported && exported.map((s) => s.text), `sentence ${i}`).toEqual(expected);
      for (const s of exported ?? []) expect(Array.from(r.text).slice(s.start, s.end).join("")).toBe(s.text);
    }
  });
});
