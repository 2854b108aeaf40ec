import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { newActor, newProject } from "../support/team";
import type { Actor } from "@/server/auth/actor";
import { listStories, setDocumentsStory, updateDocument } from "@/server/stories";
import { getDocumentForApi } from "@/server/workspace";
import { listDocumentsPage } from "@/server/project-data";
import { getDb } from "@/server/db/client";
import { ForbiddenError, InvalidError, NotFoundError } from "@/server/errors";

useTestDatabase();

let manager: Actor, annotator: Actor, stranger: Actor;
let project: Awaited<ReturnType<typeof newProject>>;
let other: Awaited<ReturnType<typeof newProject>>;

const texts = ["One. Two.", "Three. Four.", "Five. Six."].map((text, i) => ({
  title: `Doc ${i}`,
  text: `Written for Slant's tests. ${text}`,
}));

beforeAll(async () => {
  [manager, annotator, stranger] = (await Promise.all(["sm", "sa", "ss"].map((n) => newActor(`${n}@example.org`)))) as [
    Actor,
    Actor,
    Actor,
  ];
  project = await newProject(
    "Stories",
    [
      [manager, "MANAGER"],
      [annotator, "ANNOTATOR"],
    ],
    texts,
  );
  other = await newProject("Other stories", [[stranger, "MANAGER"]], [{ title: "Elsewhere", text: "Written for Slant's tests. Seven." }]);
});

const storyOf = async (id: string) => (await (await getDb()).document.findUniqueOrThrow({ where: { id }, select: { story: true } })).story;

describe("stories", () => {
  it("a manager sets a story on several documents, trimmed, audited per document; setting it again changes nothing", async () => {
    const ids = project.documents.slice(0, 2).map((d) => d.id);
    expect(await setDocumentsStory(manager, project.slug, { documentIds: ids, story: "  Ganja strike " })).toEqual({
      story: "Ganja strike",
      changed: 2,
      unchanged: 0,
    });
    expect(await storyOf(ids[0]!)).toBe("Ganja strike");
    expect(await storyOf(project.documents[2]!.id)).toBeNull();
    const events = await (await getDb()).auditEvent.findMany({ where: { action: "document.story", projectId: project.projectId } });
    expect(events.map((e) => [e.entityId, e.before, e.after]).sort()).toEqual(
      ids.map((id) => [id, { story: null }, { story: "Ganja strike" }]).sort(),
    );
    expect(
      await setDocumentsStory(manager, project.projectId, { documentIds: [...ids, project.documents[2]!.id], story: "Ganja strike" }),
    ).toEqual({ story: "Ganja strike", changed: 1, unchanged: 2 });
    expect(await listStories(annotator, project.slug)).toEqual([{ story: "Ganja strike", documents: 3 }]);
  });

  it("the API reads it (document and list) and PATCH clears it with null or an empty string", async () => {
    const id = project.documents[0]!.id;
    expect((await getDocumentForApi(annotator, id)).story).toBe("Ganja strike");
    const page = await listDocumentsPage(annotator, project.slug, {});
    expect(page.documents.map((d) => d.story)).toEqual(["Ganja strike", "Ganja strike", "Ganja strike"]);
    expect(await updateDocument(manager, id, { story: "" })).toEqual({ id, story: null });
    expect(await storyOf(id)).toBeNull();
    await updateDocument(manager, id, { story: "Ganja strike" });
    await expect(updateDocument(manager, id, { story: null })).resolves.toEqual({ id, story: null });
  });

  it("refuses annotators (403), strangers (404), documents of another project (404, nothing changed) and bad input (422)", async () => {
    const id = project.documents[1]!.id;
    await expect(setDocumentsStory(annotator, project.slug, { documentIds: [id], story: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateDocument(annotator, id, { story: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(setDocumentsStory(stranger, project.slug, { documentIds: [id], story: "X" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateDocument(stranger, id, { story: "X" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      setDocumentsStory(manager, project.slug, { documentIds: [id, other.documents[0]!.id], story: "X" }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await storyOf(id)).toBe("Ganja strike");
    await expect(setDocumentsStory(manager, project.slug, { documentIds: [], story: "X" })).rejects.toThrow(/at least one document/);
    await expect(setDocumentsStory(manager, project.slug, { documentIds: [id], story: "x".repeat(201) })).rejects.toThrow(
      /at most 200 characters/,
    );
    await expect(updateDocument(manager, id, { story: "X", title: "no" } as never)).rejects.toBeInstanceOf(InvalidError);
  });
});
