import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/server/db/client";
import { writeTransaction } from "@/server/db/transaction";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { addMember, createProject } from "@/server/projects";
import { insertDocuments } from "@/server/documents";

export const DEMO_PROJECT = {
  name: "Karabakh coverage, October 2020 (demo)",
  slug: "karabakh-demo",
  targets: ["Armenia", "Azerbaijan", "Turkey", "NATO"],
  description:
    "Demo workspace: how a wire-style article covers the 2020 Nagorno-Karabakh war. One side's officials are quoted at length; the other side's view is reduced to one sentence.",
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
};

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
  const result = await writeTransaction((tx) => insertDocuments(tx, actor, projectId, [{ ...DEMO_ARTICLE, text }]), { timeout: 30_000 });
  return { project, createdDocuments: result.created.length };
}
