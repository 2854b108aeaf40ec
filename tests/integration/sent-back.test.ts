import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { label, newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { sendBack } from "@/server/review";
import { setSegmentStatus } from "@/server/annotations";
import { getWorkspace, listDocumentsForAnnotator, setDocumentDone } from "@/server/workspace";
import { InvalidError, NotFoundError } from "@/server/errors";

useTestDatabase();

// Written for Slant's tests: three sentences, no boilerplate.
const TEXT = "Officials said talks would resume on Monday.\n\nThe ministry called the report false.\n\nNo date was given for the vote.";

let ana: Actor, ben: Actor, rita: Actor, stranger: Actor;
let projectId: string;
let doc: Awaited<ReturnType<typeof newProject>>["documents"][number];

const docRow = async (a: Actor) => (await listDocumentsForAnnotator(a, projectId)).documents.find((d) => d.id === doc.id)!;

beforeAll(async () => {
  [ana, ben, rita, stranger] = (await Promise.all(
    ["ana", "ben", "rita", "stranger"].map((n) => newActor(`${n}@sentback.example.org`)),
  )) as [Actor, Actor, Actor, Actor];
  const p = await newProject(
    "Sent back",
    [
      [ana, "ANNOTATOR"],
      [ben, "ANNOTATOR"],
      [rita, "REVIEWER"],
    ],
    [{ title: "Talks", text: TEXT }],
  );
  projectId = p.projectId;
  doc = p.documents[0]!;
  expect(doc.segments).toHaveLength(3);
  for (const a of [ana, ben]) for (const i of [0, 1, 2]) await label(a, doc, i, { sourcing: "no_claim" });
  await setDocumentDone(ana, { documentId: doc.id, done: true });
  await setDocumentDone(ben, { documentId: doc.id, done: true });
});

describe("a sentence sent back to its annotator", () => {
  it("is listed with the comment, counts as not confirmed, and the document is not done until it is confirmed again", async () => {
    expect(await docRow(ana)).toMatchObject({ status: "done", completed: 3, sentences: 3, sentBack: 0 });
    const c = await sendBack(rita, {
      documentId: doc.id,
      segmentId: doc.segments[1]!.id,
      annotatorId: ana.id,
      comment: "Is this attributed?",
    });

    const list = await listDocumentsForAnnotator(ana, projectId);
    expect(list.documents.find((d) => d.id === doc.id)).toMatchObject({ status: "sent_back", completed: 2, sentBack: 1 });
    expect(list.sentBack).toEqual([
      {
        documentId: doc.id,
        documentTitle: "Talks",
        segmentId: doc.segments[1]!.id,
        index: 1,
        excerpt: "The ministry called the report false.",
        comments: [{ id: c.id, from: "rita", comment: "Is this attributed?", createdAt: c.createdAt }],
      },
    ]);
    // the other annotator's document stays done, and their list is empty
    expect(await docRow(ben)).toMatchObject({ status: "done", completed: 3 });
    expect((await listDocumentsForAnnotator(ben, projectId)).sentBack).toEqual([]);

    const ws = await getWorkspace(ana, projectId, doc.id);
    expect(ws.done).toBe(false);
    expect(ws.reviewComments).toEqual([expect.objectContaining({ id: c.id, pending: true })]);
    // what the annotator said stays stored: the confirmation is not removed
    expect(ws.statuses.find((s) => s.segmentId === doc.segments[1]!.id)).toMatchObject({ confirmed: true });

    // marking the document done again asks for the sentence first (or "done with incomplete")
    await expect(setDocumentDone(ana, { documentId: doc.id, done: true })).rejects.toThrow(InvalidError);

    // confirming it again answers the comment: the document is done again
    const status = ws.statuses.find((s) => s.segmentId === doc.segments[1]!.id)!;
    await setSegmentStatus(ana, { documentId: doc.id, segmentId: doc.segments[1]!.id, confirmed: true, baseVersion: status.version });
    expect(await docRow(ana)).toMatchObject({ status: "done", completed: 3, sentBack: 0 });
    expect((await listDocumentsForAnnotator(ana, projectId)).sentBack).toEqual([]);
    const again = await getWorkspace(ana, projectId, doc.id);
    expect(again.done).toBe(true);
    expect(again.reviewComments).toEqual([expect.objectContaining({ id: c.id, pending: false })]);
    await setDocumentDone(ana, { documentId: doc.id, done: true });
  });

  it("a non-member gets 404 for the list", async () => {
    await expect(listDocumentsForAnnotator(stranger, projectId)).rejects.toThrow(NotFoundError);
  });
});
