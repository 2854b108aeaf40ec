/**
 * A project with known labels for the export tests: two annotators, gold on one sentence, a
 * confirmed sentence without stance ("none"), an unconfirmed one (not annotated), a span after
 * an emoji (code points ≠ UTF-16 units), a note that tries formula injection, and a second
 * document whose first sentence is boilerplate; time per sentence for both annotators on sentence 0.
 */
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { getDb } from "@/server/db/client";
import { recordSegmentTime } from "@/server/segment-time";
import { newId } from "@/lib/ids";
import { Prisma } from "@/lib/generated/sqlite/client";

export const TEXT = `Armenia denied the accusations, officials said.

"There is no military solution," he told a news conference on Monday.

Celebrations 🎉🎉 followed the brutal shelling of Stepanakert.

Turkey, meanwhile, has supported Baku's right to self-defense.`;
export const OTHER_TEXT = "Photo: Reuters\n\nAnother text entirely.";
export const NOTE = '=HYPERLINK("http://evil.example"), a "quoted" word,\nand a second line';

export interface ExportFixture {
  manager: Actor;
  reviewer: Actor;
  ana: Actor;
  ben: Actor;
  stranger: Actor;
  projectId: string;
  slug: string;
  documentId: string;
  otherId: string;
  segIds: string[];
  otherSegIds: string[];
}

export async function newActor(email: string): Promise<Actor> {
  const u = await createUser(SYSTEM_ACTOR, { email, name: email.split("@")[0]!, password: "a long password" });
  return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

const pause = () => new Promise((r) => setTimeout(r, 5));

export async function buildExportFixture(tag = "x"): Promise<ExportFixture> {
  const [manager, reviewer, ana, ben, stranger] = await Promise.all(
    ["manager", "reviewer", "ana", "ben", "stranger"].map((n) => newActor(`${n}-${tag}@example.org`)),
  );
  const p = await createProject(SYSTEM_ACTOR, {
    name: `Export test ${tag}`,
    targets: ["Armenia", "Azerbaijan"],
    description: "Known labels.",
  });
  await addMember(SYSTEM_ACTOR, p.id, { email: manager!.email, role: "MANAGER" });
  await addMember(SYSTEM_ACTOR, p.id, { email: reviewer!.email, role: "REVIEWER" });
  for (const a of [ana!, ben!]) await addMember(SYSTEM_ACTOR, p.id, { email: a.email, role: "ANNOTATOR" });
  const db = await getDb();
  const r = await db.$transaction((tx) =>
    insertDocuments(tx, SYSTEM_ACTOR, p.id, [
      { title: "Karabakh", text: TEXT, outlet: "Wire", story: "Karabakh talks" },
      { title: "Other", text: OTHER_TEXT },
    ]),
  );
  const [documentId, otherId] = r.created as [string, string];
  const segIds = (await db.segment.findMany({ where: { documentId }, orderBy: { index: "asc" } })).map((s) => s.id);
  const otherSegIds = (await db.segment.findMany({ where: { documentId: otherId }, orderBy: { index: "asc" } })).map((s) => s.id);

  const save = (who: Actor, seg: number, dimension: string, target: string | null, value: unknown, doc = documentId, segs = segIds) =>
    saveAnnotation(who, { documentId: doc, segmentId: segs[seg]!, dimension, target, value, baseVersion: null });
  const confirm = (who: Actor, seg: number) =>
    setSegmentStatus(who, { documentId, segmentId: segIds[seg]!, confirmed: true, baseVersion: null });

  // Ana labels first: she is annotator_1.
  await save(ana!, 0, "stance", "armenia", "unfavorable");
  await pause();
  await save(ana!, 0, "sourcing", null, "paraphrased_attribution");
  await save(ana!, 0, "source_type", null, "government_official");
  await save(ana!, 0, "source_side", null, "armenia");
  await save(ana!, 0, "note", null, NOTE);
  await confirm(ana!, 0);
  await save(ana!, 1, "sourcing", null, "direct_quote");
  await save(ana!, 1, "source_type", null, "other");
  await save(ana!, 1, "source_side", null, "independent_unclear");
  await save(ana!, 1, "source_name", null, "an official");
  await confirm(ana!, 1); // confirmed without stance: "none" for every target
  const brutal = TEXT.indexOf("brutal");
  await save(ana!, 2, "spans", null, [{ start: brutal, end: brutal + "brutal".length, label: "loaded_language" }]);
  await save(ana!, 2, "sourcing", null, "unattributed_claim"); // not confirmed: stance not annotated
  await save(ana!, 0, "spans", null, [], otherId, otherSegIds); // a label in the boilerplate caption of the other document (an empty list)

  await save(ben!, 0, "stance", "armenia", "unfavorable");
  await save(ben!, 0, "stance", "azerbaijan", "neutral");
  await save(ben!, 0, "sourcing", null, "paraphrased_attribution");
  await save(ben!, 0, "source_type", null, "government_official");
  await save(ben!, 0, "source_side", null, "armenia");
  await confirm(ben!, 0);
  await save(ben!, 1, "flag", null, true);
  await save(ben!, 1, "sourcing", null, "direct_quote");

  // Time per sentence: Ana's sentence 0 over two flushes (5000 ms), Ben's 1500 ms.
  await recordSegmentTime(ana!, { documentId, entries: [{ segmentId: segIds[0]!, ms: 4200 }] });
  await recordSegmentTime(ana!, { documentId, entries: [{ segmentId: segIds[0]!, ms: 800 }] });
  await recordSegmentTime(ben!, { documentId, entries: [{ segmentId: segIds[0]!, ms: 1500 }] });

  // Gold on sentence 0: a stance, a "none" for Azerbaijan (a gold row without value), the sourcing.
  await db.goldLabel.createMany({
    data: [
      { id: newId(), segmentId: segIds[0]!, dimension: "stance", target: "armenia", value: "unfavorable", decidedById: reviewer!.id },
      { id: newId(), segmentId: segIds[0]!, dimension: "stance", target: "azerbaijan", value: Prisma.JsonNull, decidedById: reviewer!.id },
      {
        id: newId(),
        segmentId: segIds[0]!,
        dimension: "sourcing",
        target: "",
        value: "paraphrased_attribution",
        decidedById: reviewer!.id,
      },
    ],
  });
  return {
    manager: manager!,
    reviewer: reviewer!,
    ana: ana!,
    ben: ben!,
    stranger: stranger!,
    projectId: p.id,
    slug: p.slug,
    documentId,
    otherId,
    segIds,
    otherSegIds,
  };
}

/** Everything an export stream yields, as bytes. */
export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
