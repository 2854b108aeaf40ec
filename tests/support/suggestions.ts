/**
 * A project with a manager and an annotator, and articles imported through the real import (which
 * queues the suggestion runs), for tests of suggestion providers. Waits for the background runs.
 */
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { addMember, createProject } from "@/server/projects";
import { getDb } from "@/server/db/client";
import { importFilesNow } from "@/server/imports";
import { updateProjectDetails } from "@/server/project-settings";
import { suggestionsIdle } from "@/server/suggestions/jobs";
import { PROVIDER_ARTICLE } from "./provider-request";
import { newActor } from "./team";

let n = 0;

/** `idle: false` returns as soon as the import is stored, with the suggestion runs still going. */
export async function importForSuggestions(opts: { articles?: string[]; guidelines?: string; idle?: boolean } = {}) {
  const k = `${process.pid}-${++n}-${Date.now()}`;
  const manager = await newActor(`manager-${k}@example.org`, "manager");
  const annotator = await newActor(`annotator-${k}@example.org`, "annotator");
  const project = await createProject(SYSTEM_ACTOR, { name: `Providers ${k}`, targets: ["Turkey", "Azerbaijan"] });
  await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
  await addMember(SYSTEM_ACTOR, project.id, { email: annotator.email, role: "ANNOTATOR" });
  if (opts.guidelines)
    await updateProjectDetails(manager, project.id, { name: project.name, description: "", guidelines: opts.guidelines });
  const articles = opts.articles ?? [PROVIDER_ARTICLE];
  const jsonl = articles.map((text, i) => JSON.stringify({ id: `a${k}-${i}`, title: `Article ${i}`, text })).join("\n");
  const report = await importFilesNow(manager, project.id, [{ name: "a.jsonl", bytes: new TextEncoder().encode(jsonl) }]);
  if (opts.idle !== false) await suggestionsIdle();
  const db = await getDb();
  const docs = await db.document.findMany({ where: { projectId: project.id }, orderBy: { position: "asc" }, select: { id: true } });
  const segments = await db.segment.findMany({ where: { documentId: docs[0]!.id }, orderBy: { index: "asc" } });
  return { manager, annotator, project, report, documentId: docs[0]!.id, documentIds: docs.map((d) => d.id), segments };
}
