import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { collect } from "../support/export-fixture";
import { PROVIDER_ARTICLE } from "../support/provider-request";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { ForbiddenError, NotFoundError } from "@/server/errors";
import { saveAnnotation, setSegmentStatus } from "@/server/annotations";
import { suggestionAcceptance } from "@/server/suggestions/acceptance";
import { getDb } from "@/server/db/client";
import { importFilesNow } from "@/server/imports";
import { getProjectSettings, updateProjectSettings } from "@/server/project-settings";
import { getWorkspace } from "@/server/workspace";
import { streamExport } from "@/server/export";
import { claimSuggestionJobs, suggestionsIdle } from "@/server/suggestions/jobs";
import { documentSuggestions } from "@/server/suggestions/service";
import type { SentenceRecord } from "@/lib/export/types";
import { unzipSync, strFromU8 } from "fflate";
import { loadSuggestions } from "@/server/suggestions/sets";

/** How suggestions reach annotators: the project setting that turns them off, and what the export says. */
useTestDatabase();

let n = 0;
async function actor(prefix: string): Promise<Actor> {
  const email = `${prefix}-${++n}@example.org`;
  const u = await createUser(SYSTEM_ACTOR, { email, name: prefix, password: "a long password" });
  return { id: u.id, email: u.email, name: u.name, isAdmin: false };
}

async function importArticle(manager: Actor, projectId: string, text: string) {
  const jsonl = JSON.stringify({ id: `a${++n}`, title: `Article ${n}`, text });
  await importFilesNow(manager, projectId, [{ name: "a.jsonl", bytes: new TextEncoder().encode(jsonl) }]);
  await suggestionsIdle();
  const db = await getDb();
  const doc = await db.document.findFirstOrThrow({ where: { projectId }, orderBy: { createdAt: "desc" }, select: { id: true } });
  return doc.id;
}

async function setup() {
  const manager = await actor("manager");
  const annotator = await actor("annotator");
  const project = await createProject(SYSTEM_ACTOR, { name: `Suggestion use ${++n}`, targets: ["Turkey", "Azerbaijan"] });
  await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
  await addMember(SYSTEM_ACTOR, project.id, { email: annotator.email, role: "ANNOTATOR" });
  const documentId = await importArticle(manager, project.id, PROVIDER_ARTICLE);
  return { manager, annotator, project, documentId };
}

const settings = (suggestions: boolean) => ({ blind: true, skipBoilerplate: true, overlap: 2, suggestions });

async function jsonlProjects(a: Actor, projectId: string) {
  const file = await streamExport(a, projectId, { format: "jsonl", filters: { includeBoilerplate: true } });
  const lines = new TextDecoder()
    .decode(await collect(file.chunks))
    .trim()
    .split("\n");
  return lines.map((l) => (JSON.parse(l) as SentenceRecord).project);
}

describe("the suggestions setting", () => {
  it("off: none shown (workspace, API) nor computed, the export says so; on again: computed and shown", async () => {
    const { manager, annotator, project, documentId } = await setup();
    expect((await getWorkspace(annotator, project.id, documentId)).suggestions.length).toBeGreaterThan(0);
    expect((await getProjectSettings(manager, project.id)).project.suggestions).toBe(true);

    // An annotator cannot turn them off.
    await expect(updateProjectSettings(annotator, project.id, settings(false))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await updateProjectSettings(manager, project.id, settings(false))).toMatchObject({ changed: true, suggestions: false });
    expect((await getProjectSettings(manager, project.id)).project.suggestions).toBe(false);
    expect((await getWorkspace(annotator, project.id, documentId)).suggestions).toEqual([]);
    expect(await documentSuggestions(annotator, project.id, documentId)).toEqual([]);

    // A document imported while they are off gets none: its run waits, no worker takes it.
    const later = await importArticle(manager, project.id, "A later article written for Slant's tests. Officials said it rained.");
    const db = await getDb();
    expect((await loadSuggestions(db, { documentId: later })).length).toBe(0);
    expect(await db.suggestionRun.findMany({ where: { documentId: later }, select: { status: true } })).toEqual([{ status: "queued" }]);
    expect(await claimSuggestionJobs(db, 10)).toEqual([]);

    // The export records that annotators were not shown suggestions; the change is audited.
    const off = await jsonlProjects(manager, project.id);
    expect(off.length).toBeGreaterThan(0);
    expect(off.every((p) => p.suggestions_shown === false)).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({ where: { projectId: project.id, action: "project.settings" } });
    expect(event.before).toEqual({ suggestions: true });
    expect(event.after).toEqual({ suggestions: false });

    // Saving the form again without a change keeps the moment they were turned off.
    const offAt = (await db.project.findUniqueOrThrow({ where: { id: project.id } })).suggestionsOffAt;
    expect(offAt).not.toBeNull();
    expect(await updateProjectSettings(manager, project.id, settings(false))).toMatchObject({ changed: false });
    expect((await db.project.findUniqueOrThrow({ where: { id: project.id } })).suggestionsOffAt).toEqual(offAt);

    // On again: the waiting run is computed, both documents show suggestions, the export says so.
    await updateProjectSettings(manager, project.id, settings(true));
    await suggestionsIdle();
    expect((await loadSuggestions(db, { documentId: later })).length).toBeGreaterThan(0);
    expect((await getWorkspace(annotator, project.id, documentId)).suggestions.length).toBeGreaterThan(0);
    expect((await jsonlProjects(manager, project.id)).every((p) => p.suggestions_shown === true)).toBe(true);
  });

  it("a settings call without the field leaves suggestions as they are", async () => {
    const { manager, project } = await setup();
    await updateProjectSettings(manager, project.id, settings(false));
    await updateProjectSettings(manager, project.id, { blind: false, skipBoilerplate: true, overlap: 2 });
    expect((await getProjectSettings(manager, project.id)).project).toMatchObject({ blind: false, suggestions: false });
  });
});

describe("acceptance rates", () => {
  it("count what annotators did with the suggestions, for managers only, the same on the page and in the package", async () => {
    const { manager, annotator, project, documentId } = await setup();
    const second = await actor("annotator");
    const stranger = await actor("stranger");
    await addMember(SYSTEM_ACTOR, project.id, { email: second.email, role: "ANNOTATOR" });
    const all = await documentSuggestions(annotator, project.id, documentId);
    // The quoted sentence: sourcing, source name, type and side are suggested.
    const segmentId = all.find((s) => s.dimension === "source_type")!.segmentId;
    const of = (dimension: string) => all.find((s) => s.segmentId === segmentId && s.dimension === dimension)!;
    const sourcing = of("sourcing");
    const type = of("source_type");
    const side = of("source_side");
    // The name is suggested too: the annotator below leaves it empty (rejected).
    expect(of("source_name").value).toBeTruthy();
    expect((await suggestionAcceptance(manager, project.id)).rates.total.decisions).toBe(0);

    const label = (a: Actor, s: { dimension: string; value: unknown }, suggestionId: string | null = null) =>
      saveAnnotation(a, { documentId, segmentId, dimension: s.dimension, target: null, value: s.value, suggestionId, baseVersion: null });
    // annotator: accepts sourcing and side, overrides the type, leaves the name empty, confirms.
    await label(annotator, sourcing, sourcing.id);
    await label(annotator, side, side.id);
    await label(annotator, { dimension: "source_type", value: type.value === "military" ? "other" : "military" });
    await setSegmentStatus(annotator, { documentId, segmentId, confirmed: true, baseVersion: null });
    // second: gives the suggested sourcing by hand without taking it from the suggestion (matched), but does not confirm.
    await label(second, sourcing);

    const { rates } = await suggestionAcceptance(manager, project.id);
    expect(rates.total).toMatchObject({ accepted: 2, overridden: 1, rejected: 1, matched: 0, decisions: 4 });
    const dims = Object.fromEntries(rates.byDimension.map((d) => [d.dimension, [d.accepted, d.overridden, d.rejected]]));
    expect(dims).toEqual({ sourcing: [1, 0, 0], source_side: [1, 0, 0], source_type: [0, 1, 0], source_name: [0, 0, 1] });
    const rule = rates.byRule.find((r) => r.rule === type.rule && r.provider === "rules")!;
    expect(rule.overridden).toBeGreaterThanOrEqual(1);
    expect(rule.provider).toBe(type.provider);

    // Once the second annotator confirms, their hand-given value counts as matched, not accepted.
    await label(second, type);
    await label(second, { dimension: "source_side", value: side.value === "independent_unclear" ? "turkey" : "independent_unclear" });
    await setSegmentStatus(second, { documentId, segmentId, confirmed: true, baseVersion: null });
    const after = (await suggestionAcceptance(manager, project.id)).rates;
    expect(after.byDimension.find((d) => d.dimension === "sourcing")).toMatchObject({ accepted: 1, matched: 1, decisions: 2 });
    expect(after.byDimension.find((d) => d.dimension === "source_type")).toMatchObject({ overridden: 1, matched: 1, decisions: 2 });
    expect(after.byDimension.find((d) => d.dimension === "source_side")).toMatchObject({ accepted: 1, overridden: 1, decisions: 2 });

    // Managers only: an annotator is refused, a stranger does not find the project.
    await expect(suggestionAcceptance(annotator, project.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(suggestionAcceptance(stranger, project.id)).rejects.toBeInstanceOf(NotFoundError);

    // The dataset package carries the same figures; an annotator's package says why it has none.
    const pkg = async (a: Actor) => {
      const file = await streamExport(a, project.id, { format: "package" });
      return JSON.parse(strFromU8(unzipSync(await collect(file.chunks))["suggestion_acceptance.json"]!));
    };
    const inPackage = await pkg(manager);
    expect(inPackage.byRule).toEqual(after.byRule);
    expect(inPackage.byDimension).toEqual(after.byDimension);
    expect(inPackage.definitions.rejected).toMatch(/leaving that dimension and target empty/);
    expect((await pkg(annotator)).unavailable).toMatch(/does not allow you to see how suggestions are accepted/);
  });
});
