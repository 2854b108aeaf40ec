import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { getDb } from "@/server/db/client";
import { getImportJob, importFilesNow, listImportJobs, startImport, staleAfterMs, UploadTooLargeError } from "@/server/imports";
import { MAX_UPLOAD_BYTES, type ImportJobView } from "@/lib/validation/imports";
import { segmentText } from "@/lib/segment";
import { newId } from "@/lib/ids";

useTestDatabase();

const enc = (s: string) => new TextEncoder().encode(s);
const file = (name: string, content: string) => ({ name, bytes: enc(content) });
let n = 0;

async function actor(prefix: string): Promise<Actor> {
  const email = `${prefix}-${++n}@example.org`;
  const u = await createUser(SYSTEM_ACTOR, { email, name: prefix, password: "a long password" });
  return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

/** A project with a manager, an annotator and a stranger of its own. */
async function setup() {
  const manager = await actor("manager");
  const annotator = await actor("annotator");
  const stranger = await actor("stranger");
  const project = await createProject(SYSTEM_ACTOR, { name: `Imports ${++n}`, targets: ["A", "B"] });
  await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
  await addMember(SYSTEM_ACTOR, project.id, { email: annotator.email, role: "ANNOTATOR" });
  return { manager, annotator, stranger, project };
}

async function counts(projectId: string) {
  const db = await getDb();
  return {
    documents: await db.document.count({ where: { projectId } }),
    segments: await db.segment.count({ where: { document: { projectId } } }),
  };
}

const CSV = [
  "id,title,text,url,outlet,story,author,published_at,language",
  'c1,Ceasefire talks stall,"Negotiators met in Geneva on Monday. ""We are not there yet,"" one diplomat said.\n\nA second round is planned.",https://news.example/a,Example Times,Geneva talks,Jane Roe,2024-03-05T10:00:00Z,en',
  "c2,,Second article text. It has two sentences.,,,,,,",
].join("\n");

const JSONL = [
  JSON.stringify({
    id: "j1",
    title: "Minister resigns",
    text: "The minister resigned on Friday. Critics called it overdue.",
    outlet: "Daily Wire Service",
    story: "Cabinet reshuffle",
    published_at: "2024-04-01",
  }),
  JSON.stringify({ id: "j2", text: "Die Regierung hat am Montag neue Zahlen vorgelegt. Sie sind gut.", language: "de" }),
  JSON.stringify({ id: "j3", title: "Storm", text: "A storm hit the coast. Thousands lost power." }),
].join("\n");

async function waitForJob(a: Actor, projectId: string, jobId: string): Promise<ImportJobView> {
  for (let i = 0; i < 200; i++) {
    const job = await getImportJob(a, projectId, jobId);
    if (job.status === "done" || job.status === "failed") return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error("import did not finish");
}

describe("imports", () => {
  it("imports a CSV and a JSONL into documents with their metadata and segments", async () => {
    const { manager, project } = await setup();
    const report = await importFilesNow(manager, project.slug, [file("articles.csv", CSV), file("more.jsonl", JSONL)]);
    expect(report).toMatchObject({ imported: 5, duplicates: 0, rejectedFiles: 0, labelsNotImported: 0 });
    expect(report.files).toEqual([
      { name: "articles.csv", imported: 2, duplicates: 0, rejected: false, labelsNotImported: 0, errors: [] },
      { name: "more.jsonl", imported: 3, duplicates: 0, rejected: false, labelsNotImported: 0, errors: [] },
    ]);

    const db = await getDb();
    const docs = await db.document.findMany({
      where: { projectId: project.id },
      orderBy: { position: "asc" },
      include: { segments: { orderBy: { index: "asc" } } },
    });
    expect(docs.map((d) => [d.externalId, d.title, d.position])).toEqual([
      ["c1", "Ceasefire talks stall", 0],
      ["c2", "Second article text. It has two sentences.", 1],
      ["j1", "Minister resigns", 2],
      ["j2", "Die Regierung hat am Montag neue Zahlen vorgelegt. Sie sind gut.", 3],
      ["j3", "Storm", 4],
    ]);
    const c1 = docs[0]!;
    expect(c1).toMatchObject({
      url: "https://news.example/a",
      outlet: "Example Times",
      story: "Geneva talks",
      author: "Jane Roe",
      language: "en",
      text: 'Negotiators met in Geneva on Monday. "We are not there yet," one diplomat said.\n\nA second round is planned.',
    });
    expect(c1.publishedAt?.toISOString()).toBe("2024-03-05T10:00:00.000Z");
    expect(docs[1]).toMatchObject({ url: null, outlet: null, story: null, author: null, publishedAt: null, language: "en" });
    expect(docs[2]!.publishedAt?.toISOString()).toBe("2024-04-01T00:00:00.000Z");
    expect(docs[2]!.story).toBe("Cabinet reshuffle");
    expect(docs[3]!.language).toBe("de");
    for (const d of docs) {
      const expected = segmentText(d.text, { language: d.language });
      expect(d.segments.map((s) => [s.start, s.end, s.paragraph])).toEqual(expected.map((s) => [s.start, s.end, s.paragraph]));
      expect(d.segments.length).toBeGreaterThanOrEqual(2);
    }
    expect(c1.segments.map((s) => c1.text.slice(s.start, s.end))).toEqual([
      "Negotiators met in Geneva on Monday.",
      '"We are not there yet," one diplomat said.',
      "A second round is planned.",
    ]);
    expect((await listImportJobs(manager, project.id)).map((j) => j.status)).toEqual(["done"]);
  });

  it("leaves the database unchanged for malformed files and reports every error with its line", async () => {
    const { manager, project } = await setup();
    await importFilesNow(manager, project.id, [file("seed.jsonl", JSON.stringify({ text: "Already here. Before the bad files." }))]);
    const before = await counts(project.id);
    const truncated = [JSON.stringify({ text: "Fine record." }), JSON.stringify({ text: "Also fine." }), '{"text": "truncated'].join("\n");
    const unclosed = ["text,title", "ok,One", '"never closed,Two', "more,Three"].join("\n");
    const badFields = [
      JSON.stringify({ text: "Good." }),
      JSON.stringify({ text: "Bad date.", published_at: "2024-02-30" }),
      JSON.stringify({ title: "No text" }),
    ].join("\n");
    const report = await importFilesNow(manager, project.id, [
      file("truncated.jsonl", truncated),
      file("unclosed.csv", unclosed),
      file("fields.jsonl", badFields),
    ]);
    expect(await counts(project.id)).toEqual(before);
    expect(report).toMatchObject({ imported: 0, duplicates: 0, rejectedFiles: 3 });
    const [t, u, f] = report.files;
    expect(t).toMatchObject({ name: "truncated.jsonl", rejected: true, imported: 0 });
    expect(t!.errors).toEqual([
      expect.objectContaining({ file: "truncated.jsonl", line: 3, reason: expect.stringMatching(/invalid JSON/i) }),
    ]);
    expect(u).toMatchObject({ name: "unclosed.csv", rejected: true });
    // csv-parse reports an unclosed quote where it gives up: the end of the file (lib/formats/csv.test.ts).
    expect(u!.errors).toEqual([
      expect.objectContaining({ file: "unclosed.csv", line: 4, reason: expect.stringMatching(/quote not closed/i) }),
    ]);
    expect(f!.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "published_at"],
      [3, "text"],
    ]);

    // Good and bad files in one upload: each file on its own.
    const mixed = await importFilesNow(manager, project.id, [
      file("good.csv", "text\nA fresh article. With two sentences."),
      file("truncated.jsonl", truncated),
    ]);
    expect(mixed).toMatchObject({ imported: 1, rejectedFiles: 1 });
    expect((await counts(project.id)).documents).toBe(before.documents + 1);
  });

  it("skips and counts exact duplicates, in the project and within an upload", async () => {
    const { manager, project } = await setup();
    await importFilesNow(manager, project.id, [file("a.jsonl", JSONL)]);
    const before = await counts(project.id);
    const again =
      JSONL +
      "\n" +
      JSON.stringify({ text: "Brand new. Not seen before." }) +
      "\n" +
      JSON.stringify({ title: "Same text again", text: "Brand new. Not seen before." });
    const report = await importFilesNow(manager, project.id, [file("a.jsonl", again), file("a.jsonl", JSONL)]);
    expect(report.files.map((f) => [f.name, f.imported, f.duplicates, f.rejected])).toEqual([
      ["a.jsonl", 1, 4, false],
      ["a (2).jsonl", 0, 3, false],
    ]);
    expect(report).toMatchObject({ imported: 1, duplicates: 7 });
    expect((await counts(project.id)).documents).toBe(before.documents + 1);
  });

  it("runs in the background with progress, takes pasted text, and counts labels it does not import", async () => {
    const { manager, project } = await setup();
    const doccano = [
      JSON.stringify({ text: "Great win for Smith today. Fans cheered.", label: [[14, 19, "PERSON"]] }),
      JSON.stringify({ text: "Taxes rise again. Critics object.", label: ["economy", "negative"] }),
    ].join("\n");
    const started = await startImport(manager, project.id, [file("doccano.jsonl", doccano)]);
    expect(started).toMatchObject({ status: "queued", processed: 0, report: null, error: null });
    const job = await waitForJob(manager, project.id, started.id);
    expect(job).toMatchObject({ status: "done", total: 2, processed: 2, error: null });
    expect(job.report).toMatchObject({ imported: 2, labelsNotImported: 3, files: [{ name: "doccano.jsonl", labelsNotImported: 3 }] });

    const pasted = await waitForJob(
      manager,
      project.id,
      (await startImport(manager, project.id, { title: "  My title ", text: "Pasted body. Second sentence." })).id,
    );
    expect(pasted.report).toMatchObject({ imported: 1, files: [{ name: "pasted-text.txt", imported: 1 }] });
    const untitled = await waitForJob(
      manager,
      project.id,
      (await startImport(manager, project.id, { text: "Headline here\n\nBody of the pasted article." })).id,
    );
    expect(untitled.report?.imported).toBe(1);
    const db = await getDb();
    const titles = (await db.document.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" } })).map((d) => [
      d.title,
      d.text,
    ]);
    expect(titles.slice(2)).toEqual([
      ["My title", "Pasted body. Second sentence."],
      ["Headline here", "Body of the pasted article."],
    ]);

    await expect(startImport(manager, project.id, { text: "   " })).rejects.toThrow(InvalidError);
    await expect(startImport(manager, project.id, { text: "x".repeat(200_001) })).rejects.toThrow(/longer than 200,000 characters/);
    await expect(startImport(manager, project.id, [])).rejects.toThrow(InvalidError);
    const big = startImport(manager, project.id, [{ name: "big.jsonl", bytes: new Uint8Array(MAX_UPLOAD_BYTES + 1) }]);
    await expect(big).rejects.toThrow(UploadTooLargeError);
    await expect(big).rejects.toMatchObject({ status: 413, message: expect.stringMatching(/over the limit of 52\.4 MB/) });
  });

  it("lets only managers import: 404 for strangers, 403 for other members", async () => {
    const { manager, annotator, stranger, project } = await setup();
    const job = await startImport(manager, project.id, [file("a.csv", CSV)]);
    await waitForJob(manager, project.id, job.id);
    await expect(startImport(stranger, project.id, [file("a.csv", CSV)])).rejects.toThrow(NotFoundError);
    await expect(importFilesNow(stranger, project.slug, [file("a.csv", CSV)])).rejects.toThrow(NotFoundError);
    await expect(getImportJob(stranger, project.id, job.id)).rejects.toThrow(NotFoundError);
    await expect(listImportJobs(stranger, project.id)).rejects.toThrow(NotFoundError);
    await expect(startImport(annotator, project.id, [file("a.csv", CSV)])).rejects.toThrow(ForbiddenError);
    await expect(getImportJob(annotator, project.id, job.id)).rejects.toThrow(ForbiddenError);
    // A job of another project is not found through this one.
    const other = await setup();
    await expect(getImportJob(other.manager, other.project.id, job.id)).rejects.toThrow(NotFoundError);
  });

  it("shows a job left running by a process that is gone as failed, and stores it so", async () => {
    const { manager, project } = await setup();
    const db = await getDb();
    const old = new Date(Date.now() - staleAfterMs() - 60_000);
    const stale = await db.importJob.create({
      data: { id: newId(), projectId: project.id, createdById: manager.id, status: "running", total: 10, processed: 4, updatedAt: old },
    });
    const recent = await db.importJob.create({
      data: { id: newId(), projectId: project.id, createdById: manager.id, status: "running", total: 10, processed: 4 },
    });
    expect((await db.importJob.findUniqueOrThrow({ where: { id: stale.id } })).updatedAt.getTime()).toBe(old.getTime());

    const job = await getImportJob(manager, project.id, stale.id);
    expect(job).toMatchObject({ status: "failed", processed: 4, error: expect.stringContaining("interrupted; retry the import") });
    expect((await db.importJob.findUniqueOrThrow({ where: { id: stale.id } })).status).toBe("failed");
    // Recently updated: maybe another process is working on it.
    expect((await getImportJob(manager, project.id, recent.id)).status).toBe("running");
    expect((await listImportJobs(manager, project.id)).map((j) => [j.id, j.status])).toEqual(
      expect.arrayContaining([
        [stale.id, "failed"],
        [recent.id, "running"],
      ]),
    );
  });
});
