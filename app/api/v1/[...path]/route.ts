import { jsonResponse } from "@/server/http";

/**
 * Any path under /api/v1 that no route handles: a JSON 404 (Next would answer with its HTML
 * page), whatever the method. More specific routes always win over this catch-all.
 */
function unknownRoute(req: Request): Response {
  const { pathname } = new URL(req.url);
  return jsonResponse(
    { error: { code: "not_found", message: `No API route ${pathname}; see /api/v1/openapi.json for the routes there are` } },
    { status: 404 },
  );
}

export const GET = unknownRoute;
export const POST = unknownRoute;
export const PUT = unknownRoute;
export const PATCH = unknownRoute;
export const DELETE = unknownRoute;
