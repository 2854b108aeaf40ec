import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { collect } from "../support/export-fixture";
import { PROVIDER_ARTICLE } from "../support/provider-request";
import { SYSTEM_ACTOR, type Actor } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { ForbiddenError } from "@/server/errors";
import { getDb } from "@/server/db/client";
import { importFilesNow } from "@/server/imports";
import { getProjectSettings, updateProjectSettings } from "@/server/project-settings";
import { getWorkspace } from "@/server/workspace";
import { streamExport } from "@/server/export";
import { claimSuggestionJobs, suggestionsIdle } from "@/server/suggestions/jobs";
import { documentSuggestions } from "@/server/suggestions/service";
import type { SentenceRecord } from "@/lib/export/types";

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
    expect(await db.suggestion.count({ where: { documentId: later } })).toBe(0);
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
    expect(await db.suggestion.count({ where: { documentId: later } })).toBeGreaterThan(0);
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
