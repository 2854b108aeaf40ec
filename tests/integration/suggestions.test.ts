import { afterEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";
import { getDb } from "@/server/db/client";
import { importFilesNow } from "@/server/imports";
import { saveAnnotation } from "@/server/annotations";
import { getProjectSettings, updateLabelSchema, updateTargets } from "@/server/project-settings";
import { splitSegment } from "@/server/segments";
import { claimSuggestionJobs, dropStaleSuggestions, kickSuggestions, runSuggestionJobs, suggestionsIdle } from "@/server/suggestions/jobs";
import { setProvidersForTests } from "@/server/suggestions/providers";
import { rulesProvider } from "@/server/suggestions/rules-provider";
import { documentSuggestions, requestSuggestions, suggestionRuns } from "@/server/suggestions/service";
import type { SuggestionProvider } from "@/server/suggestions/provider";
import { PROVIDER_ARTICLE } from "../support/provider-request";
import { loadSuggestions } from "@/server/suggestions/sets";

useTestDatabase();
afterEach(() => setProvidersForTests(undefined));

let n = 0;
async function actor(prefix: string): Promise<Actor> {
  const email = `${prefix}-${++n}@example.org`;
  const u = await createUser(SYSTEM_ACTOR, { email, name: prefix, password: "a long password" });
  return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

async function setup(articles: string[] = [PROVIDER_ARTICLE]) {
  const manager = await actor("manager");
  const annotator = await actor("annotator");
  const stranger = await actor("stranger");
  const project = await createProject(SYSTEM_ACTOR, { name: `Suggestions ${++n}`, targets: ["Turkey", "Azerbaijan"] });
  await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
  await addMember(SYSTEM_ACTOR, project.id, { email: annotator.email, role: "ANNOTATOR" });
  const jsonl = articles.map((text, i) => JSON.stringify({ id: `a${n}-${i}`, title: `Article ${i}`, text })).join("\n");
  await importFilesNow(manager, project.id, [{ name: "a.jsonl", bytes: new TextEncoder().encode(jsonl) }]);
  await suggestionsIdle();
  const db = await getDb();
  const docs = await db.document.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" }, select: { id: true } });
  const segments = await db.segment.findMany({ where: { documentId: docs[0]!.id }, orderBy: { index: "asc" } });
  return { manager, annotator, stranger, project, documentId: docs[0]!.id, documentIds: docs.map((d) => d.id), segments };
}

const caught = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as Error,
  );

describe("suggestions at import", () => {
  it("stores the built-in rules' suggestions in their own layer, with segment kinds, never as annotations", async () => {
    const { annotator, project, documentId, segments } = await setup();
    expect(segments.map((s) => s.kind)).toEqual(["headline", "sentence", "sentence"]);
    const quote = segments[1]!;
    const all = await documentSuggestions(annotator, project.id, documentId);
    const of = (dimension: string) => all.find((s) => s.segmentId === quote.id && s.dimension === dimension);
    expect(of("sourcing")).toMatchObject({ value: "direct_quote", provider: "rules", target: null });
    expect(of("sourcing")!.evidence!.quotes).toEqual([[1, 21]]);
    expect(of("source_name")?.value).toBe("Mevlut Cavusoglu");
    expect(of("source_type")?.value).toBe("government_official");
    expect(of("source_side")?.value).toBe("turkey");
    for (const s of all) expect(s.confidence).toBeGreaterThan(0);
    const db = await getDb();
    expect(await db.annotation.count({ where: { projectId: project.id } })).toBe(0);
    const runs = await suggestionRuns(await adminOf(project.id), project.id);
    expect(runs).toEqual([{ provider: "rules", counts: { queued: 0, running: 0, done: 1, failed: 0 }, errors: [] }]);
  });

  it("a provider that throws fails its run (shown to managers), and the import and annotation are unaffected", async () => {
    const broken: SuggestionProvider = { id: "rules", suggest: () => Promise.reject(new Error("model server answered 500")) };
    setProvidersForTests([broken]);
    const { manager, annotator, project, documentId, segments } = await setup();
    expect(segments).toHaveLength(3);
    expect(await documentSuggestions(annotator, project.id, documentId)).toEqual([]);
    const [runs] = await suggestionRuns(manager, project.id);
    expect(runs!.counts.failed).toBe(1);
    expect(runs!.errors[0]).toMatchObject({ documentId, status: "failed", error: "model server answered 500" });
    const saved = await saveAnnotation(annotator, {
      documentId,
      segmentId: segments[1]!.id,
      dimension: "sourcing",
      value: "direct_quote",
      baseVersion: null,
    });
    expect(saved.version).toBe(1);
  });

  it("rejects a reply with bad suggestions whole: nothing of it is stored, the run fails with the first problem", async () => {
    const sloppy: SuggestionProvider = {
      id: "rules",
      suggest: async (req) => {
        const seg = req.segments[1]!;
        return {
          suggestions: [
            { segmentId: seg.id, dimension: "sourcing", target: null, value: "direct_quote", confidence: 0.9, rule: "ok" },
            { segmentId: "nope", dimension: "sourcing", target: null, value: "direct_quote", confidence: 0.9, rule: "x" },
            { segmentId: seg.id, dimension: "source_type", target: null, value: "astrologer", confidence: 0.9, rule: "x" },
            { segmentId: seg.id, dimension: "source_name", target: null, value: "A", confidence: 3, rule: "x" },
            {
              segmentId: seg.id,
              dimension: "source_side",
              target: null,
              value: "turkey",
              confidence: 0.5,
              rule: "x",
              evidence: { cue: [0, 9999] },
            },
          ],
        };
      },
    };
    setProvidersForTests([sloppy]);
    const { manager, annotator, project, documentId } = await setup();
    expect(await documentSuggestions(annotator, project.id, documentId)).toEqual([]);
    expect((await loadSuggestions(await getDb(), { projectId: project.id })).length).toBe(0);
    const [runs] = await suggestionRuns(manager, project.id);
    expect(runs!.counts.failed).toBe(1);
    expect(runs!.errors[0]!.error).toBe(
      "reply does not follow slant-suggest/1: suggestions[3].confidence: Too big: expected number to be <=1",
    );
  });
});

async function adminOf(projectId: string): Promise<Actor> {
  const db = await getDb();
  const m = await db.projectMember.findFirstOrThrow({ where: { projectId, role: "MANAGER" }, include: { user: true } });
  return { id: m.user.id, email: m.user.email, name: m.user.name, isAdmin: false };
}

describe("staleness", () => {
  const count = async (projectId: string) => (await loadSuggestions(await getDb(), { projectId })).length;
  const statuses = async (projectId: string) =>
    (await (await getDb()).suggestionRun.findMany({ where: { projectId } })).map((r) => r.status);

  it("a schema edit drops the project's suggestions in its transaction and they are computed again", async () => {
    const { manager, project } = await setup();
    const before = await count(project.id);
    expect(before).toBeGreaterThan(0);
    // The recomputation waits for us, so what the edit itself left can be looked at.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    setProvidersForTests([{ id: "rules", suggest: async (req, signal) => (await gate, rulesProvider.suggest(req, signal)) }]);
    const settings = await getProjectSettings(manager, project.id);
    const edited = structuredClone(settings.project.schema);
    edited.dimensions[0]!.description = "Edited.";
    await updateLabelSchema(manager, project.id, { json: JSON.stringify(edited), expectedVersion: settings.project.schemaVersion });
    expect(await count(project.id)).toBe(0);
    expect(await statuses(project.id)).not.toEqual(["done"]);
    release();
    await suggestionsIdle();
    expect(await count(project.id)).toBe(before);
    expect(await statuses(project.id)).toEqual(["done"]);
  });

  it("a target change and a split drop and recompute too", async () => {
    const { manager, project, documentId, segments } = await setup();
    const settings = await getProjectSettings(manager, project.id);
    await updateTargets(manager, project.id, {
      targets: settings.targets.map((t) => ({ id: t.id, name: t.name === "Turkey" ? "Türkiye" : t.name })),
    });
    expect(await count(project.id)).toBe(0);
    await suggestionsIdle();
    expect(await count(project.id)).toBeGreaterThan(0);
    const seg = segments[2]!;
    await splitSegment(manager, { documentId, segmentId: seg.id, at: seg.start + "The talks".length, confirm: true });
    expect(await count(project.id)).toBe(0);
    await suggestionsIdle();
    const db = await getDb();
    expect((await loadSuggestions(db, { documentId })).length).toBeGreaterThan(0);
  });

  it("results computed before a stale-making edit are discarded, not stored", async () => {
    const { project } = await setup();
    const db = await getDb();
    await db.suggestionRun.updateMany({ where: { projectId: project.id }, data: { status: "queued", claimedAt: null } });
    const jobs = await claimSuggestionJobs(db, 10);
    expect(jobs).toHaveLength(1);
    // An edit makes the run stale between the claim and the results.
    await db.$transaction((tx) => dropStaleSuggestions(tx, { projectId: project.id }));
    await runSuggestionJobs(db, jobs);
    expect(await count(project.id)).toBe(0);
    expect(await statuses(project.id)).toEqual(["queued"]);
    kickSuggestions();
    await suggestionsIdle();
    expect(await statuses(project.id)).toEqual(["done"]);
    expect(await count(project.id)).toBeGreaterThan(0);
  });
});

describe("job claiming", () => {
  it("concurrent claims (of several jobs each) take each queued job exactly once", async () => {
    setProvidersForTests([{ id: "rules", suggest: async () => ({ suggestions: [] }) }]);
    const { manager, project } = await setup(Array.from({ length: 8 }, (_, i) => `Sentence number ${i}. Another one here.`));
    await requestSuggestions(manager, project.id, {});
    // Nobody kicks a worker for these: claim them by hand, all at once.
    await suggestionsIdle();
    const db = await getDb();
    await db.suggestionRun.updateMany({ where: { projectId: project.id }, data: { status: "queued", claimedAt: null } });
    const claims = await Promise.all(Array.from({ length: 12 }, () => claimSuggestionJobs(db, 3)));
    const ids = claims.flat().map((c) => c.id);
    expect(ids).toHaveLength(8);
    expect(new Set(ids).size).toBe(8);
    expect(await db.suggestionRun.count({ where: { projectId: project.id, status: "running" } })).toBe(8);
  });
});

describe("provenance and access", () => {
  it("an accepted suggestion writes an ordinary label recording its suggestion; a changed value does not claim it", async () => {
    const { annotator, project, documentId, segments } = await setup();
    const s = (await documentSuggestions(annotator, project.id, documentId)).find(
      (x) => x.segmentId === segments[1]!.id && x.dimension === "sourcing",
    )!;
    const base = { documentId, segmentId: segments[1]!.id, dimension: "sourcing" };
    const e = await caught(saveAnnotation(annotator, { ...base, value: "no_claim", baseVersion: null, suggestionId: s.id }));
    expect(e).toBeInstanceOf(InvalidError);
    await saveAnnotation(annotator, { ...base, value: "direct_quote", baseVersion: null, suggestionId: s.id });
    const db = await getDb();
    expect((await db.annotation.findFirstOrThrow({ where: { segmentId: segments[1]!.id, userId: annotator.id } })).suggestionId).toBe(s.id);
    // Overridden by its normal key: the label is the person's own again.
    await saveAnnotation(annotator, { ...base, value: "paraphrased_attribution", baseVersion: 1 });
    expect((await db.annotation.findFirstOrThrow({ where: { segmentId: segments[1]!.id, userId: annotator.id } })).suggestionId).toBeNull();
  });

  it("non-members get not found; only managers request suggestions or see runs", async () => {
    const { annotator, stranger, project, documentId } = await setup();
    expect(await caught(documentSuggestions(stranger, project.id, documentId))).toBeInstanceOf(NotFoundError);
    expect(await caught(requestSuggestions(stranger, project.id, {}))).toBeInstanceOf(NotFoundError);
    expect(await caught(requestSuggestions(annotator, project.id, {}))).toBeInstanceOf(ForbiddenError);
    expect(await caught(suggestionRuns(annotator, project.id))).toBeInstanceOf(ForbiddenError);
    expect(await caught(requestSuggestions(await adminOf(project.id), project.id, { documentIds: ["missing"] }))).toBeInstanceOf(
      NotFoundError,
    );
  });
});
