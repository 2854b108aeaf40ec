/**
 * A team for agreement and review tests: users, a project with the news template, documents from
 * the demo article, and a helper that labels and confirms sentences through the services.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { getDb } from "@/server/db/client";

/** The first twelve paragraphs of the demo article (sentences 1 and 2 are boilerplate captions). */
export const DEMO_TEXT = readFileSync(path.resolve(import.meta.dirname, "../../server/demo/trtworld-karabakh-2020.txt"), "utf8")
  .split("\n\n")
  .slice(0, 12)
  .join("\n\n");

export async function newActor(email: string, name = email.split("@")[0]!): Promise<Actor> {
  const u = await createUser(SYSTEM_ACTOR, { email, name, password: "a long password" });
  return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

export async function newProject(
  name: string,
  members: [Actor, "MANAGER" | "REVIEWER" | "ANNOTATOR"][],
  texts: { title: string; text: string; outlet?: string; story?: string }[],
) {
  const p = await createProject(SYSTEM_ACTOR, { name, targets: ["Armenia", "Azerbaijan", "Turkey"] });
  for (const [a, role] of members) await addMember(SYSTEM_ACTOR, p.id, { email: a.email, role });
  const db = await getDb();
  const r = await db.$transaction((tx) => insertDocuments(tx, SYSTEM_ACTOR, p.id, texts));
  const documents: { id: string; text: string; segments: { id: string; start: number; end: number; isBoilerplate: boolean }[] }[] = [];
  for (const [i, id] of r.created.entries()) {
    const segments = await db.segment.findMany({
      where: { documentId: id },
      orderBy: { index: "asc" },
      select: { id: true, start: true, end: true, isBoilerplate: true },
    });
    documents.push({ id, text: texts[i]!.text, segments });
  }
  return { projectId: p.id, slug: p.slug, documents };
}

export interface SentenceLabels {
  sourcing?: string;
  type?: string;
  side?: string;
  stance?: Record<string, string>;
  /** phrases of the sentence (first occurrence) marked with a span label */
  spans?: [phrase: string, label: string][];
  note?: string;
  /** confirm the sentence (default true) */
  confirm?: boolean;
}

/** Saves the labels of one sentence for `actor` through saveAnnotation, then confirms it. */
export async function label(
  actor: Actor,
  doc: { id: string; text: string; segments: { id: string; start: number; end: number }[] },
  index: number,
  l: SentenceLabels,
) {
  const seg = doc.segments[index]!;
  const save = (dimension: string, target: string | null, value: unknown) =>
    saveAnnotation(actor, { documentId: doc.id, segmentId: seg.id, dimension, target, value, baseVersion: null });
  if (l.sourcing) await save("sourcing", null, l.sourcing);
  if (l.type) await save("source_type", null, l.type);
  if (l.side) await save("source_side", null, l.side);
  if (l.note) await save("note", null, l.note);
  for (const [t, v] of Object.entries(l.stance ?? {})) await save("stance", t, v);
  if (l.spans?.length) {
    const sentence = doc.text.slice(seg.start, seg.end);
    const spans = l.spans.map(([phrase, lab]) => {
      const at = sentence.indexOf(phrase);
      if (at < 0) throw new Error(`"${phrase}" is not in sentence ${index}`);
      return { start: seg.start + at, end: seg.start + at + phrase.length, label: lab };
    });
    await save("spans", null, spans);
  }
  if (l.confirm !== false) await setSegmentStatus(actor, { documentId: doc.id, segmentId: seg.id, confirmed: true, baseVersion: null });
}
