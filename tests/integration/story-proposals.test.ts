/** Documents written for these tests (invented events in invented places), not any outlet's text. */
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { acceptStoryProposal, dismissStoryProposal, getStoryProposals } from "@/server/story-proposals";
import { setDocumentsStory } from "@/server/stories";
import { getDb } from "@/server/db/client";
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";

useTestDatabase();

const TEXTS = [
  {
    title: "Floods cut off Varnholt as the Elsa river bursts its banks",
    text: "Rescue teams reached Varnholt by boat after the Elsa river burst its banks. Written for Slant's tests.",
  },
  {
    title: "Army sent to flooded Varnholt",
    text: "The army was sent to Varnholt, where the Elsa river flooded the lower town. Written for Slant's tests.",
  },
  {
    title: "Dock workers in Port Quennel walk out over pay",
    text: "Dock workers at Port Quennel began a strike over pay. Written for Slant's tests.",
  },
  {
    title: "Port Quennel strike halts container ships",
    text: "Container ships queued outside Port Quennel as the dockers' strike entered its second day. Written for Slant's tests.",
  },
  { title: "Parliament passes budget", text: "Lawmakers approved next year's budget after a long debate. Written for Slant's tests." },
];

let manager: Actor, annotator: Actor, stranger: Actor;
let project: Awaited<ReturnType<typeof newProject>>;
const ids = () => project.documents.map((d) => d.id);
const titles = (p: { documents: { title: string }[] }) => p.documents.map((d) => d.title).sort();

beforeAll(async () => {
  [manager, annotator, stranger] = (await Promise.all(["pm", "pa", "ps"].map((n) => newActor(`${n}@example.org`)))) as [
    Actor,
    Actor,
    Actor,
  ];
  project = await newProject(
    "Proposals",
    [
      [manager, "MANAGER"],
      [annotator, "ANNOTATOR"],
    ],
    TEXTS,
  );
});

describe("story proposals", () => {
  it("proposes the groups of alike documents without a story, to managers only", async () => {
    const proposals = await getStoryProposals(manager, project.slug);
    expect(proposals.map(titles).sort()).toEqual(
      [[TEXTS[0]!.title, TEXTS[1]!.title].sort(), [TEXTS[2]!.title, TEXTS[3]!.title].sort()].sort(),
    );
    expect(proposals.find((p) => p.name.includes("Varnholt"))).toBeDefined();
    await expect(getStoryProposals(annotator, project.slug)).rejects.toThrow(ForbiddenError);
    await expect(getStoryProposals(stranger, project.slug)).rejects.toThrow(NotFoundError);
  });

  it("accepting sets the story on the whole group in one transaction; a document that got a story meanwhile refuses it whole", async () => {
    const [flood1, flood2, strike1, strike2] = ids() as [string, string, string, string];
    await setDocumentsStory(manager, project.slug, { documentIds: [strike2], story: "Already" });
    await expect(acceptStoryProposal(manager, project.slug, { documentIds: [strike1, strike2], story: "Port strike" })).rejects.toThrow(
      ConflictError,
    );
    const db = await getDb();
    expect((await db.document.findUniqueOrThrow({ where: { id: strike1 } })).story).toBeNull();
    await setDocumentsStory(manager, project.slug, { documentIds: [strike2], story: null });

    expect(await acceptStoryProposal(manager, project.slug, { documentIds: [flood1, flood2], story: " Varnholt flood " })).toMatchObject({
      story: "Varnholt flood",
      changed: 2,
    });
    const proposals = await getStoryProposals(manager, project.slug);
    expect(proposals.map(titles)).toEqual([[TEXTS[2]!.title, TEXTS[3]!.title].sort()]);
    await expect(acceptStoryProposal(manager, project.slug, { documentIds: [strike1], story: "x" })).rejects.toThrow(InvalidError);
    await expect(acceptStoryProposal(manager, project.slug, { documentIds: [strike1, strike2], story: "  " })).rejects.toThrow(
      /Name the story/,
    );
    await expect(acceptStoryProposal(annotator, project.slug, { documentIds: [strike1, strike2], story: "x" })).rejects.toThrow(
      ForbiddenError,
    );
  });

  it("dismissing remembers the pairs: the group is not proposed again, twice is harmless, other projects' documents are not found", async () => {
    const [, , strike1, strike2] = ids() as [string, string, string, string];
    expect(await dismissStoryProposal(manager, project.slug, { documentIds: [strike1, strike2] })).toEqual({ pairs: 1 });
    expect(await dismissStoryProposal(manager, project.slug, { documentIds: [strike2, strike1] })).toEqual({ pairs: 0 });
    expect(await getStoryProposals(manager, project.slug)).toEqual([]);
    const elsewhere = await newProject("Elsewhere", [[stranger, "MANAGER"]], [{ title: "Other", text: "Written for Slant's tests. One." }]);
    await expect(dismissStoryProposal(manager, project.slug, { documentIds: [strike1, elsewhere.documents[0]!.id] })).rejects.toThrow(
      NotFoundError,
    );
    await expect(dismissStoryProposal(annotator, project.slug, { documentIds: [strike1, strike2] })).rejects.toThrow(ForbiddenError);
    const db = await getDb();
    expect(await db.auditEvent.count({ where: { projectId: project.projectId, action: "story.dismiss" } })).toBe(2);
  });
});
