import { otherMethods, withActor } from "@/server/http";
import { listDocumentsPage } from "@/server/project-data";

/** The project's documents, `?cursor=&limit=` (1–500, default 100): `{ documents, nextCursor }`. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  return listDocumentsPage(actor, (await params).projectId, { cursor: q.get("cursor") || undefined, limit: q.get("limit") ?? undefined });
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
