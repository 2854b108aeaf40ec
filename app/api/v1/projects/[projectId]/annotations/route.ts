import { otherMethods, withActor } from "@/server/http";
import { listAnnotationsPage } from "@/server/project-data";

/** The project's labels, `?cursor=&limit=&documentId=`: `{ annotations, nextCursor }`; blind projects show annotators only their own. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) => {
  const q = new URL(req.url).searchParams;
  return listAnnotationsPage(actor, (await params).projectId, {
    cursor: q.get("cursor") || undefined,
    limit: q.get("limit") ?? undefined,
    documentId: q.get("documentId") || undefined,
  });
});

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
