import { otherMethods, readJson, withActor } from "@/server/http";
import { listDocumentsPage } from "@/server/project-data";
import { setDocumentsStory } from "@/server/stories";

/** The project's documents, `?cursor=&limit=` (1–500, default 100): `{ documents, nextCursor }`. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  return listDocumentsPage(actor, (await params).projectId, { cursor: q.get("cursor") || undefined, limit: q.get("limit") ?? undefined });
});

/** Set the story of several documents at once (managers): `{ documentIds, story }`, null or "" clears it. */
export const PATCH = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) =>
  setDocumentsStory(actor, (await params).projectId, (await readJson(req)) as never),
);

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, DELETE } = otherMethods("GET", "PATCH");
