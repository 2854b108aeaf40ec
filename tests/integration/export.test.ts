import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseCsv } from "csv-parse/sync";
import { unzipSync, strFromU8 } from "fflate";
import { useTestDatabase } from "../support/db";
import { buildExportFixture, collect, newActor, NOTE, TEXT, OTHER_TEXT, type ExportFixture } from "../support/export-fixture";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { addMember, createProject } from "@/server/projects";
import { LEDGER_FILES } from "@/lib/sources/ledger-files";
import { REPORT_FILES } from "@/lib/reports/files";
import { insertDocuments } from "@/server/documents";
import { saveAnnotation } from "@/server/annotations";
import { getDb } from "@/server/db/client";
import { newId } from "@/lib/ids";
import { setDocumentDone } from "@/server/workspace";
import { estimateExport, streamExport } from "@/server/export";
import { getProjectAgreement } from "@/server/agreement";
import { importSlantJsonl } from "@/server/import-slant";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { wideColumns, type SentenceRecord } from "@/lib/export";
import { exportOptionsFromQuery, type ExportOptionsInput } from "@/lib/validation/export";
import { dimensionKeys } from "@/lib/schema/helpers";
import { newsStanceSourcingTemplate } from "@/lib/schema/templates";

useTestDatabase();

let f: ExportFixture;
beforeAll(async () => {
  f = await buildExportFixture();
});

const cps = (s: string) => Array.from(s);
const slice = (s: string, start: number, end: number) => cps(s).slice(start, end).join("");

async function text(actor: Actor, opts: ExportOptionsInput, project = f.projectId): Promise<string> {
  const file = await streamExport(actor, project, opts, { pageSize: 1 });
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await collect(file.chunks));
}
const jsonl = async (actor: Actor, filters: ExportOptionsInput["filters"] = {}, project = f.projectId) =>
  (await text(actor, { format: "jsonl", filters }, project))
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as SentenceRecord);

const KEYS = dimensionKeys(newsStanceSourcingTemplate(), ["armenia", "azerbaijan"]);

describe("JSONL", () => {
  let recs: SentenceRecord[];
  beforeAll(async () => {
    recs = await jsonl(f.manager);
  });

  it("writes one record per non-boilerplate sentence with code-point offsets", () => {
    expect(recs.map((r) => [r.document.title, r.sentence_index])).toEqual([
      ["Karabakh", 0],
      ["Karabakh", 1],
      ["Karabakh", 2],
      ["Karabakh", 3],
      ["Other", 1],
    ]);
    for (const r of recs) expect(slice(r.document.title === "Other" ? OTHER_TEXT : TEXT, r.start, r.end)).toBe(r.text);
    expect(recs[0]!.project).toEqual({ id: f.projectId, slug: f.slug, name: "Export test x", suggestions_shown: true });
    expect(recs[0]!.document).toMatchObject({
      id: f.documentId,
      title: "Karabakh",
      outlet: "Wire",
      story: "Karabakh talks",
      language: "en",
      published_at: null,
    });
    expect(recs[3]!.start).toBe(TEXT.indexOf("Turkey") - 2); // two emoji before it: two surrogate pairs
  });

  it("keeps 'none' (confirmed, no stance) apart from 'not annotated'", () => {
    const [s0, s1, s2, s3] = recs;
    expect(s0!.annotations.map((a) => a.annotator)).toEqual(["annotator_1", "annotator_2"]);
    expect(s0!.annotations[0]).toMatchObject({
      confirmed: true,
      labels: {
        stance: { armenia: "unfavorable", azerbaijan: "none" },
        sourcing: "paraphrased_attribution",
        source_type: "government_official",
        source_side: "armenia",
        source_name: null,
        spans: null,
        note: NOTE,
        flag: false,
      },
    });
    expect(s0!.annotations[1]!.labels.stance).toEqual({ armenia: "unfavorable", azerbaijan: "neutral" });
    expect(s1!.annotations[0]).toMatchObject({
      annotator: "annotator_1",
      confirmed: true,
      labels: { stance: { armenia: "none", azerbaijan: "none" }, source_name: "an official", flag: false },
    });
    expect(s1!.annotations[1]).toMatchObject({
      annotator: "annotator_2",
      confirmed: false,
      labels: { stance: { armenia: null, azerbaijan: null }, flag: true, sourcing: "direct_quote" },
    });
    expect(s2!.annotations).toHaveLength(1);
    expect(s2!.annotations[0]).toMatchObject({
      confirmed: false,
      labels: { stance: { armenia: null, azerbaijan: null }, sourcing: "unattributed_claim", flag: null },
    });
    expect(s3!.annotations).toEqual([]);
    for (const a of s0!.annotations) expect(a.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("gives spans in code points relative to the sentence, with their text", () => {
    const span = (recs[2]!.annotations[0]!.labels.spans as { start: number; end: number; label: string; text: string }[])[0]!;
    expect(span).toMatchObject({ label: "loaded_language", text: "brutal" });
    expect(slice(recs[2]!.text, span.start, span.end)).toBe("brutal");
    expect(recs[2]!.text.indexOf("brutal")).toBe(span.start + 2); // UTF-16 would be off by the two emoji
    expect(slice(TEXT, recs[2]!.start + span.start, recs[2]!.start + span.end)).toBe("brutal");
  });

  it("adds gold and majority where they exist", () => {
    const [s0, s1, s2] = recs;
    expect(s0!.gold).toMatchObject({
      stance: { armenia: "unfavorable", azerbaijan: "none" },
      sourcing: "paraphrased_attribution",
      source_type: null,
    });
    expect(s1!.gold).toBeNull();
    expect(s0!.majority).toMatchObject({
      stance: { armenia: "unfavorable", azerbaijan: null },
      sourcing: "paraphrased_attribution",
      source_side: "armenia",
      note: null,
      spans: [], // both confirmed without spans: the majority marks no word (as the Review screen says)
    });
    expect(s1!.majority).toMatchObject({ sourcing: "direct_quote", flag: null, stance: { armenia: null, azerbaijan: null } });
    expect(s2!.majority).toBeNull();
  });

  it("numbers annotators the same way in every record and every export", async () => {
    const again = await jsonl(f.manager);
    expect(again).toEqual(recs);
    const who = new Set(recs.flatMap((r) => r.annotations.map((a) => `${a.annotator}:${JSON.stringify(a.labels.note)}`)));
    expect([...who].filter((w) => w.includes("HYPERLINK"))).toEqual([`annotator_1:${JSON.stringify(NOTE)}`]);
    expect(JSON.stringify(recs)).not.toMatch(/example\.org/);
  });
});

describe("CSV", () => {
  it("long: one row per sentence × annotator × dimension/target; the note survives as text", async () => {
    const csv = await text(f.manager, { format: "csv-long", bom: true });
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = parseCsv(csv, { columns: true, bom: true }) as Record<string, string>[];
    // s0: 2 annotators + gold + majority; s1: 2 + majority; s2: 1; s3, Other: none
    expect(rows).toHaveLength((4 + 3 + 1) * KEYS.length);
    const cell = (s: number, who: string, dim: string, target = "") =>
      rows.filter(
        (r) =>
          r.sentence_index === String(s) &&
          r.document_title === "Karabakh" &&
          r.document_story === "Karabakh talks" &&
          r.annotator === who &&
          r.dimension === dim &&
          r.target === target,
      );
    expect(cell(0, "annotator_1", "note")[0]!.value).toBe(NOTE); // exact: no "'" unless asked for spreadsheets
    expect(cell(1, "annotator_1", "stance", "armenia")[0]!.value).toBe("none");
    expect(cell(1, "annotator_2", "stance", "armenia")[0]!.value).toBe("");
    expect(cell(2, "annotator_2", "stance", "armenia")).toHaveLength(0);
    expect(cell(0, "gold", "stance", "azerbaijan")[0]!.value).toBe("none");
    expect(JSON.parse(cell(2, "annotator_1", "spans")[0]!.value!)).toEqual([
      { start: 29, end: 35, label: "loaded_language", text: "brutal" },
    ]);
    expect(cell(1, "annotator_2", "flag")[0]!.value).toBe("true");
    expect(cell(0, "annotator_1", "confirmed")).toHaveLength(0);
    expect(rows[0]!.confirmed).toMatch(/^(true|false|)$/);
  });

  it("wide: one row per sentence, one column per annotator × dimension × target", async () => {
    const csv = await text(f.manager, { format: "csv-wide" });
    const [header, ...rows] = parseCsv(csv) as string[][];
    const ctxLike = {
      annotators: [{ pseudonym: "annotator_1" }, { pseudonym: "annotator_2" }],
      schema: newsStanceSourcingTemplate(),
      targets: [{ key: "armenia" }, { key: "azerbaijan" }],
      includeEmails: false,
      includeGold: true,
    };
    expect(header).toEqual(wideColumns(ctxLike as never));
    expect(rows).toHaveLength(5);
    const at = (row: number, col: string) => rows[row]![header!.indexOf(col)];
    expect(at(0, "annotator_1.note")).toBe(NOTE);
    expect(at(1, "annotator_1.stance.armenia")).toBe("none");
    expect(at(1, "annotator_2.stance.armenia")).toBe("");
    expect(at(2, "annotator_2.confirmed")).toBe("");
    expect(at(0, "gold.stance.azerbaijan")).toBe("none");
    expect(at(0, "majority.sourcing")).toBe("paraphrased_attribution");
    expect(at(3, "text")).toBe(TEXT.slice(TEXT.indexOf("Turkey")));
  });
});

describe("CSV text: exact by default, neutralised only for spreadsheets", () => {
  const FORMULAS =
    '=SUM(B2:B9) was the total in the leaked sheet.\n\n-5 % is what the ministry reported on Monday.\n\n@Reuters: "+3 more" 🎉 were counted.';
  let slug: string;
  let texts: string[];
  beforeAll(async () => {
    const p = await createProject(SYSTEM_ACTOR, { name: "Formula-looking text", targets: ["Armenia"] });
    slug = p.slug;
    const db = await getDb();
    await db.$transaction((tx) => insertDocuments(tx, SYSTEM_ACTOR, p.id, [{ title: "=cmd|' /C calc'!A0", text: FORMULAS }]));
    const segs = await db.segment.findMany({ where: { document: { projectId: p.id } }, orderBy: { index: "asc" } });
    texts = segs.map((s) => FORMULAS.slice(s.start, s.end));
    const ana = await newActor("formula-ana@example.org");
    await addMember(SYSTEM_ACTOR, p.id, { email: ana.email, role: "ANNOTATOR" });
    for (const s of segs) {
      await saveAnnotation(ana, {
        documentId: s.documentId,
        segmentId: s.id,
        dimension: "note",
        target: null,
        value: "=1+1",
        baseVersion: null,
      });
    }
  });

  it("long and wide: formula-looking sentences, titles and notes keep their text, and text[start:end] holds", async () => {
    expect(texts.map((t) => t[0])).toEqual(["=", "-", "@"]);
    for (const format of ["csv-long", "csv-wide"] as const) {
      const rows = parseCsv(await text(SYSTEM_ACTOR, { format }, slug), { columns: true }) as Record<string, string>[];
      const sentences = [...new Map(rows.map((r) => [r.sentence_index, r])).values()];
      expect(sentences.map((r) => r.text)).toEqual(texts);
      for (const r of sentences) expect(slice(FORMULAS, Number(r.start), Number(r.end))).toBe(r.text);
      expect(new Set(rows.map((r) => r.document_title))).toEqual(new Set(["=cmd|' /C calc'!A0"]));
      const notes =
        format === "csv-long" ? rows.filter((r) => r.dimension === "note").map((r) => r.value) : rows.map((r) => r["annotator_1.note"]);
      expect(notes).toEqual(["=1+1", "=1+1", "=1+1"]);
    }
  });

  it("for spreadsheets (option, and for_spreadsheets=1 through the API's query), every such cell starts with '", async () => {
    for (const format of ["csv-long", "csv-wide"] as const) {
      const opts = exportOptionsFromQuery(new URLSearchParams({ format, for_spreadsheets: "1" }));
      const rows = parseCsv(await text(SYSTEM_ACTOR, opts, slug), { columns: true }) as Record<string, string>[];
      const sentences = [...new Map(rows.map((r) => [r.sentence_index, r])).values()];
      expect(sentences.map((r) => r.text)).toEqual(texts.map((t) => `'${t}`));
      expect(new Set(rows.map((r) => r.document_title))).toEqual(new Set(["'=cmd|' /C calc'!A0"]));
      const notes =
        format === "csv-long" ? rows.filter((r) => r.dimension === "note").map((r) => r.value) : rows.map((r) => r["annotator_1.note"]);
      expect(notes).toEqual(["'=1+1", "'=1+1", "'=1+1"]);
    }
  });
});

describe("doccano and Label Studio", () => {
  it("doccano: one line per document × annotator, spans in code points of the document", async () => {
    const lines = (await text(f.manager, { format: "doccano" }))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const karabakh = lines.filter((l) => l.id === f.documentId);
    expect(karabakh.map((l) => l.annotator)).toEqual(["annotator_1", "annotator_2", "gold"]);
    const [start, end, label] = karabakh[0].label[0];
    expect(label).toBe("loaded_language");
    expect(slice(karabakh[0].text, start, end)).toBe("brutal");
    expect(karabakh[0].text).toBe(TEXT);
    expect(lines.find((l) => l.id === f.otherId)).toMatchObject({ label: [] });
  });

  it("Label Studio: tasks with one annotation per annotator, gold as ground truth", async () => {
    const tasks = JSON.parse(await text(f.manager, { format: "labelstudio" }));
    expect(tasks).toHaveLength(2);
    const t = tasks[0];
    expect(t.data).toMatchObject({ text: TEXT, document_id: f.documentId, title: "Karabakh" });
    expect(t.annotations.map((a: { completed_by: { id: string }; ground_truth: boolean }) => [a.completed_by.id, a.ground_truth])).toEqual([
      ["annotator_1", false],
      ["annotator_2", false],
      ["gold", true],
    ]);
    const span = t.annotations[0].result.find((r: { type: string }) => r.type === "labels");
    expect(slice(TEXT, span.value.start, span.value.end)).toBe("brutal");
    expect(span.value).toMatchObject({ text: "brutal", labels: ["loaded_language"] });
    const none = t.annotations[0].result.find(
      (r: { from_name: string; id: string }) => r.from_name === "stance.azerbaijan" && r.id === "s1",
    );
    expect(none.value.choices).toEqual(["none"]);
  });
});

describe("dataset package", () => {
  it("holds every format, the schema, guidelines, agreement and a Hugging Face card", async () => {
    const file = await streamExport(f.manager, f.slug, { format: "package", license: "cc-by-sa-4.0" });
    expect(file.filename).toMatch(/^export-test-x-dataset-\d{4}-\d{2}-\d{2}\.zip$/);
    const files = unzipSync(await collect(file.chunks));
    expect(Object.keys(files).sort()).toEqual(
      [
        "README.md",
        "agreement.json",
        "aggregated.jsonl",
        "annotators.json",
        "csv/sentences_long.csv",
        "csv/sentences_wide.csv",
        "doccano.jsonl",
        "documents.jsonl",
        "guidelines.md",
        "label_schema.json",
        "label_studio.json",
        "sentences.jsonl",
        "suggestion_acceptance.json",
        ...Object.values(REPORT_FILES),
        ...Object.values(LEDGER_FILES),
      ].sort(),
    );
    expect(strFromU8(files["sentences.jsonl"]!)).toBe(await text(f.manager, { format: "jsonl" }));
    const card = strFromU8(files["README.md"]!);
    expect(card).toMatch(/^---\nlicense: cc-by-sa-4.0\nlanguage:\n- en\ntask_categories:\n/);
    expect(card).toContain("path: sentences.jsonl");
    expect(card).toContain("- name: annotations\n    list:\n");
    expect(card).toMatch(/code points/);
    expect(card).toContain("| `direct_quote` | Direct quote |");
    expect(card).toContain("2 annotators");
    // The Agreement page's figures (tests/integration/agreement.test.ts compares them one by one).
    const agreement = JSON.parse(strFromU8(files["agreement.json"]!));
    expect(agreement.dimensions.map((d: { key: string }) => d.key)).toEqual(
      (await getProjectAgreement(f.manager, f.projectId)).dimensions.map((d) => d.key),
    );
    expect([...agreement.coders].sort()).toEqual(["annotator_1", "annotator_2"]);
    expect(card).toContain("| Sourcing (`sourcing`) | sentence |");
    const raw = strFromU8(files["agreement.json"]!);
    for (const who of [f.ana, f.ben]) expect(raw).not.toContain(who.id);
    expect(raw).not.toMatch(/ana-x|ben-x/);
    const docs = strFromU8(files["documents.jsonl"]!)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(docs.map((d) => d.text)).toEqual([TEXT, OTHER_TEXT]);
  });
});

describe("filters and access", () => {
  it("annotators: only the chosen ones, numbered within this export", async () => {
    const recs = await jsonl(f.manager, { annotators: [f.ben.id] });
    expect(new Set(recs.flatMap((r) => r.annotations.map((a) => a.annotator)))).toEqual(new Set(["annotator_1"]));
    expect(recs[1]!.annotations[0]!.labels.flag).toBe(true);
  });

  it("numbers annotators who only confirmed sentences after those who labelled, by first confirmation", async () => {
    const p = await createProject(SYSTEM_ACTOR, { name: "Pseudonyms", targets: ["Armenia"] });
    const [early, late] = await Promise.all(["early-confirmer", "late-labeller"].map((n) => newActor(`${n}@example.org`)));
    for (const a of [early!, late!]) await addMember(SYSTEM_ACTOR, p.id, { email: a.email, role: "ANNOTATOR" });
    const db = await getDb();
    const { created } = await db.$transaction((tx) =>
      insertDocuments(tx, SYSTEM_ACTOR, p.id, [{ title: "One", text: "A first sentence here. A second sentence there." }]),
    );
    const [s0] = await db.segment.findMany({ where: { documentId: created[0]! }, orderBy: { index: "asc" } });
    // A confirmation with no label of its own (as left after labels are cleared), a day before any label.
    await db.segmentStatus.create({
      data: {
        id: newId(),
        documentId: created[0]!,
        segmentId: s0!.id,
        userId: early!.id,
        confirmedAt: new Date(Date.now() - 86_400_000),
        updatedAt: new Date(Date.now() - 86_400_000),
      },
    });
    await saveAnnotation(late!, {
      documentId: created[0]!,
      segmentId: s0!.id,
      dimension: "sourcing",
      target: null,
      value: "no_claim",
      baseVersion: null,
    });
    const file = await streamExport(SYSTEM_ACTOR, p.id, { format: "jsonl", includeEmails: true });
    const recs = new TextDecoder()
      .decode(await collect(file.chunks))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as SentenceRecord);
    expect(recs[0]!.annotations.map((a) => [a.annotator, a.email])).toEqual([
      ["annotator_1", late!.email],
      ["annotator_2", early!.email],
    ]);
  });

  it("gold only, boilerplate, date range", async () => {
    expect((await jsonl(f.manager, { goldOnly: true })).map((r) => r.sentence_index)).toEqual([0]);
    const all = await jsonl(f.manager, { includeBoilerplate: true });
    expect(all.filter((r) => r.is_boilerplate).map((r) => [r.document.title, r.text])).toEqual([["Other", "Photo: Reuters"]]);
    expect(all.find((r) => r.is_boilerplate)!.annotations[0]!.labels.spans).toEqual([]);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await jsonl(f.manager, { from: tomorrow })).flatMap((r) => r.annotations)).toEqual([]);
    expect((await jsonl(f.manager, { to: tomorrow })).flatMap((r) => r.annotations)).toHaveLength(5);
    await expect(streamExport(f.manager, f.projectId, { format: "jsonl", filters: { from: "yesterday" } })).rejects.toThrow(InvalidError);
  });

  it("documents done only: labels of annotators who marked the document done", async () => {
    expect(await jsonl(f.manager, { doneOnly: true })).toEqual([]);
    await setDocumentDone(f.ben, { documentId: f.documentId, done: true, allowIncomplete: true });
    const recs = await jsonl(f.manager, { doneOnly: true });
    expect(recs.map((r) => r.document.id)).toEqual([f.documentId, f.documentId, f.documentId, f.documentId]);
    expect(recs.flatMap((r) => r.annotations.map((a) => a.annotator))).toEqual(["annotator_2", "annotator_2"]);
    await setDocumentDone(f.ben, { documentId: f.documentId, done: false });
  });

  it("an annotator of a blind project exports only their own labels, without gold or majority", async () => {
    const recs = await jsonl(f.ana);
    expect(recs.flatMap((r) => r.annotations.map((a) => a.annotator))).toEqual(["annotator_1", "annotator_1", "annotator_1"]);
    expect(recs.every((r) => r.gold === null && r.majority === null)).toBe(true);
    expect((await jsonl(f.ana, { annotators: [f.ben.id] })).flatMap((r) => r.annotations)).toHaveLength(3);
  });

  it("emails for managers only; non-members get not found", async () => {
    const recs = await jsonl(f.manager, {}, f.projectId).then(() => text(f.manager, { format: "jsonl", includeEmails: true }));
    expect(recs).toContain(`"email":"${f.ana.email}"`);
    await expect(streamExport(f.reviewer, f.projectId, { format: "jsonl", includeEmails: true })).rejects.toThrow(ForbiddenError);
    await expect(streamExport(f.stranger, f.projectId, { format: "jsonl" })).rejects.toThrow(NotFoundError);
    await expect(estimateExport(f.stranger, f.projectId, { format: "jsonl" })).rejects.toThrow(NotFoundError);
  });

  it("estimates the size before downloading", async () => {
    expect(await estimateExport(f.manager, f.projectId, { format: "jsonl" })).toEqual({
      sentences: 5,
      annotators: 2,
      labels: 18,
      sentenceAnnotatorPairs: 10,
    });
    expect(await estimateExport(f.ana, f.projectId, { format: "jsonl" })).toMatchObject({ annotators: 1, labels: 11 });
  });
});

describe("JSONL round trip into a new project", () => {
  it("reproduces every label, confirmation and gold label exactly", async () => {
    const exported = await text(f.manager, { format: "jsonl", filters: { includeBoilerplate: true } });
    const target = await createProject(SYSTEM_ACTOR, { name: "Round trip", targets: ["Armenia", "Azerbaijan"] });
    const report = await importSlantJsonl(SYSTEM_ACTOR, target.id, new TextEncoder().encode(exported));
    expect(report).toMatchObject({ documents: 2, duplicates: 0, sentences: 6, gold: 3 });
    expect(report.annotators.map((a) => a.pseudonym)).toEqual(["annotator_1", "annotator_2"]);
    const again = await text(SYSTEM_ACTOR, { format: "jsonl", filters: { includeBoilerplate: true } }, target.id);
    const strip = (s: string) =>
      s
        .trim()
        .split("\n")
        .map((l) => {
          const r = JSON.parse(l) as SentenceRecord;
          // Suggestions are computed again by the importing server (slant-round-trip.test.ts), and time per
          // sentence is the exporting server's measurement (not imported): not part of this comparison.
          const annotations = r.annotations.map((a) => ({ ...a, time_ms: null }));
          return { ...r, project: null, document: { ...r.document, id: null }, suggestions: null, annotations };
        });
    expect(strip(again)).toEqual(strip(exported));
    await expect(importSlantJsonl(f.ana, target.id, new TextEncoder().encode(exported))).rejects.toThrow(NotFoundError);
    await expect(importSlantJsonl(SYSTEM_ACTOR, target.id, new TextEncoder().encode('{"text":"plain"}\n'))).rejects.toThrow(/line 1/);
  });
});

describe("npm run slant -- export (the command line, in a process of its own)", () => {
  const slant = (...args: string[]) =>
    spawnSync(process.execPath, ["scripts/run.mjs", "slant", "export", ...args], {
      env: { ...process.env, AUTH_SECRET: "x".repeat(40) },
      encoding: "utf8",
    });

  it("writes the file the service streams, with the sentence count and progress on stderr", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "slant-cli-export-"));
    try {
      const out = path.join(dir, "out.jsonl");
      const r = slant("--project", f.slug, "--format", "jsonl", "--out", out);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe("");
      expect(readFileSync(out, "utf8")).toBe(await text(SYSTEM_ACTOR, { format: "jsonl" }));
      expect(existsSync(`${out}.partial`)).toBe(false);
      expect(r.stderr).toContain("5 sentences, 2 annotators\n");
      expect(r.stderr).toContain("exporting jsonl: 5/5 sentences");
      expect(r.stderr).toMatch(/wrote \d+ bytes to .*out\.jsonl/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--for-spreadsheets neutralises formula-looking cells; without it the CSV text is exact", async () => {
    const note = (csv: string) =>
      (parseCsv(csv, { columns: true }) as Record<string, string>[]).find((r) => r.annotator === "annotator_1" && r.dimension === "note")!
        .value;
    const exact = slant("--project", f.slug, "--format", "csv-long");
    expect(exact.status, exact.stderr).toBe(0);
    expect(note(exact.stdout)).toBe(NOTE);
    const sheets = slant("--project", f.slug, "--format", "csv-long", "--for-spreadsheets");
    expect(sheets.status, sheets.stderr).toBe(0);
    expect(note(sheets.stdout)).toBe(`'${NOTE}`);
  });

  it("says what is wrong: a missing format, an unknown project", () => {
    const noFormat = slant("--project", f.slug);
    expect(noFormat.status).toBe(2);
    expect(noFormat.stderr).toContain("--format is required");
    const unknown = slant("--project", "no-such-project", "--format", "jsonl");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/not found/i);
    expect(unknown.stdout).toBe("");
  });
});
