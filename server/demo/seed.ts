import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";
import { updateProjectSettings } from "@/server/project-settings";
import type { Actor } from "@/server/auth/actor";
import { DEMO_STORY, ILLUSTRATIVE_ARTICLES } from "@/server/demo/illustrative";
import { STATE_MEDIA_LABELS, TRT_LABELS, WIRE_LABELS } from "@/server/demo/labels";
import { prefillDocument } from "@/server/demo/prefill";
import { setDocumentsStory } from "@/server/stories";
import { randomBytes } from "node:crypto";

export const DEMO_PROJECT = {
  name: "Karabakh coverage, October 2020 (demo)",
  slug: "karabakh-demo",
  targets: ["Armenia", "Azerbaijan", "Turkey", "NATO"],
  description:
    "Demo workspace: how a real TRT World article covers the 2020 Nagorno-Karabakh war (one side's officials are quoted at length; the other side's view is reduced to one sentence), beside two short illustrative articles about the same day written for the Slant demo (not real outlets' texts). Two pre-filled demo annotators have labelled all three, so the sourcing reports and the story comparison have figures; the demo logins get the same documents to annotate.",
  guidelines: `# Guidelines (demo)

Label each sentence on its own, as a reader would read it.

- **Stance** — for each target, does the sentence present it favourably, unfavourably or neutrally? Leave a target empty when the sentence does not concern it: once you confirm the sentence, empty means *none*.
- **Sourcing** — is the claim a *direct quote*, a *paraphrased attribution* ("X said that…"), an *unattributed claim* stated by the outlet itself, or *no claim* (headline, background, boilerplate)?
- **Source type / name / side** — for quotes and attributions: who speaks, and which side they belong to.
- **Loaded language** — select words that carry judgement beyond the facts ("occupied", "invading", "terrorists") and mark them.
`,
};

export const DEMO_USERS = [
  { email: "admin@slant.demo", name: "Ada Admin", password: "slant-demo-admin", isAdmin: true, role: null },
  { email: "manager@slant.demo", name: "Max Manager", password: "slant-demo-manager", isAdmin: false, role: "MANAGER" },
  { email: "annotator1@slant.demo", name: "Ana Annotator", password: "slant-demo-annotator1", isAdmin: false, role: "ANNOTATOR" },
  { email: "annotator2@slant.demo", name: "Ben Annotator", password: "slant-demo-annotator2", isAdmin: false, role: "ANNOTATOR" },
] as const;

const DEMO_ARTICLE = {
  title: "Turkey accuses Armenia of war crimes; Aliyev wants Turkey in Karabakh peace process",
  outlet: "TRT World",
  publishedAt: "2020-10-05T12:00:00Z",
  language: "en",
  externalId: "trtworld-karabakh-2020",
  story: DEMO_STORY,
};

/**
 * Two demo annotators whose labels the demo fills in (server/demo/labels.ts), so that reports and
 * the comparison are not empty. Not printed logins: their passwords are random and never shown.
 */
export const PREFILLED_ANNOTATORS = [
  { email: "cem@slant.demo", name: "Cem (pre-filled demo annotator)" },
  { email: "dana@slant.demo", name: "Dana (pre-filled demo annotator)" },
] as const;

/** Creates the demo workspace; running it again changes nothing (no duplicates). */
export async function seedDemo() {
  const db = await getDb();
  const actor = SYSTEM_ACTOR;
  for (const u of DEMO_USERS) {
    if (!(await db.user.findUnique({ where: { email: u.email }, select: { id: true } }))) {
      await createUser(actor, { email: u.email, name: u.name, password: u.password, isAdmin: u.isAdmin });
    }
  }
  let project = await db.project.findUnique({ where: { slug: DEMO_PROJECT.slug } });
  project ??= await createProject(actor, { ...DEMO_PROJECT, template: "news_stance_sourcing" });
  for (const u of DEMO_USERS) {
    if (u.role) await addMember(actor, project.id, { email: u.email, role: u.role });
  }
  const text = readFileSync(path.join(process.cwd(), "server/demo/trtworld-karabakh-2020.txt"), "utf8");
  const projectId = project.id;
  const result = await writeTransaction(
    (tx) =>
      insertDocuments(tx, actor, projectId, [
        { ...DEMO_ARTICLE, text },
        ...ILLUSTRATIVE_ARTICLES.map((a) => ({ ...a, story: DEMO_STORY })),
      ]),
    { timeout: 30_000 },
  );
  await prefillOnce(projectId);
  return { project, createdDocuments: result.created.length };
}

async function demoActor(email: string): Promise<Actor> {
  const db = await getDb();
  const u = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true, name: true, isAdmin: true } });
  return u;
}

/**
 * The pre-filled annotators' labels and the reviewer's gold, written once (when those annotators
 * have no document in the project yet). Overlap 4 leaves a place on every document for the two
 * demo logins after the two pre-filled annotators; "within" gives each of them the story's other
 * versions next, outlets in turn.
 */
async function prefillOnce(projectId: string) {
  const db = await getDb();
  for (const u of PREFILLED_ANNOTATORS) {
    if (!(await db.user.findUnique({ where: { email: u.email }, select: { id: true } })))
      await createUser(SYSTEM_ACTOR, { email: u.email, name: u.name, password: randomBytes(24).toString("base64url"), isAdmin: false });
    await addMember(SYSTEM_ACTOR, projectId, { email: u.email, role: "ANNOTATOR" });
  }
  const coders = (await Promise.all(PREFILLED_ANNOTATORS.map((u) => demoActor(u.email)))) as [Actor, Actor];
  if (await db.assignment.count({ where: { userId: { in: coders.map((c) => c.id) }, document: { projectId } } })) return;
  const manager = await demoActor(DEMO_USERS[1].email);
  await updateProjectSettings(manager, projectId, { blind: true, skipBoilerplate: true, overlap: 4, storyAssignment: "within" });
  const docs = await db.document.findMany({ where: { projectId }, select: { id: true, externalId: true } });
  const byExternal = new Map(docs.map((d) => [d.externalId, d.id]));
  const plan: [string | null | undefined, typeof TRT_LABELS][] = [
    [DEMO_ARTICLE.externalId, TRT_LABELS],
    [ILLUSTRATIVE_ARTICLES[0]!.externalId, WIRE_LABELS],
    [ILLUSTRATIVE_ARTICLES[1]!.externalId, STATE_MEDIA_LABELS],
  ];
  // A demo database from before the story existed: the real article joins it too (no change when it has it).
  await setDocumentsStory(manager, projectId, { documentIds: docs.map((d) => d.id), story: DEMO_STORY });
  for (const [externalId, labels] of plan) {
    const id = byExternal.get(externalId ?? null);
    if (id) await prefillDocument(id, labels, coders, manager);
  }
}
