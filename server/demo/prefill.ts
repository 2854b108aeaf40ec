import "server-only";
import { getDb } from "@/server/db/client";
import type { Actor } from "@/server/auth/actor";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { setDocumentDone } from "@/server/workspace";
import { saveGoldLabel } from "@/server/gold";
import type { DemoSentence, SentenceLabels } from "@/server/demo/labels";

/** One label as saveAnnotation / saveGoldLabel take it. */
interface Label {
  dimension: string;
  target: string | null;
  value: unknown;
}

function labelsOf(l: SentenceLabels, seg: { start: number; text: string }): Label[] {
  const out: Label[] = [{ dimension: "sourcing", target: null, value: l.sourcing }];
  if (l.source) {
    out.push({ dimension: "source_type", target: null, value: l.source.type });
    out.push({ dimension: "source_name", target: null, value: l.source.name });
    out.push({ dimension: "source_side", target: null, value: l.source.side });
  }
  for (const [target, value] of Object.entries(l.stance ?? {})) out.push({ dimension: "stance", target, value });
  const spans = (l.loaded ?? []).map((word) => {
    const at = seg.text.indexOf(word);
    if (at < 0) throw new Error(`Demo labels: "${word}" is not in the sentence "${seg.text}"`);
    return { start: seg.start + at, end: seg.start + at + word.length, label: "loaded_language" };
  });
  if (spans.length) out.push({ dimension: "spans", target: null, value: spans });
  return out;
}

const same = (a: Label, b: Label) => a.dimension === b.dimension && a.target === b.target;

/**
 * Labels one document as the two pre-filled demo annotators (confirming every sentence and marking
 * it done, through the same services the workspace uses) and stores the reviewer's gold where the
 * labels say so. Every sentence that is not boilerplate must have an entry: a sentence left out
 * is an error, not a silent gap.
 */
export async function prefillDocument(documentId: string, sentences: DemoSentence[], coders: [Actor, Actor], reviewer: Actor) {
  const db = await getDb();
  const doc = await db.document.findUniqueOrThrow({ where: { id: documentId }, select: { text: true, title: true } });
  const segments = await db.segment.findMany({
    where: { documentId, isBoilerplate: false },
    orderBy: { index: "asc" },
    select: { id: true, start: true, end: true },
  });
  for (const s of segments) {
    const seg = { start: s.start, text: doc.text.slice(s.start, s.end) };
    const entry = sentences.find((e) => seg.text.trim().startsWith(e.starts));
    if (!entry) throw new Error(`Demo labels: no entry for the sentence "${seg.text}" of "${doc.title}"`);
    const readings = [labelsOf(entry.first, seg), labelsOf({ ...entry.first, ...entry.second }, seg)];
    for (const [i, coder] of coders.entries()) {
      for (const l of readings[i]!) await saveAnnotation(coder, { documentId, segmentId: s.id, ...l, baseVersion: null });
      await setSegmentStatus(coder, { documentId, segmentId: s.id, confirmed: true, baseVersion: null });
    }
    if (!entry.gold) continue;
    const [first, second] = readings as [Label[], Label[]];
    // Gold where the two differ: the first annotator's reading, or "none" where only the second gave a value.
    const disputed = [...first, ...second.filter((b) => !first.some((a) => same(a, b)))].filter((l) => {
      const other = second.find((b) => same(l, b));
      const mine = first.find((a) => same(l, a));
      return JSON.stringify(other?.value) !== JSON.stringify(mine?.value);
    });
    for (const l of disputed) {
      const value = first.find((a) => same(a, l))?.value ?? null;
      await saveGoldLabel(reviewer, { documentId, segmentId: s.id, dimension: l.dimension, target: l.target, value, baseVersion: null });
    }
  }
  for (const coder of coders) await setDocumentDone(coder, { documentId, done: true });
}
