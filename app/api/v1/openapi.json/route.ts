import { otherMethods } from "@/server/http";
import { openApiDocument } from "@/lib/api/openapi";

/** The OpenAPI 3.1 description of /api/v1 (public: it describes the API, it holds no data). */
export function GET(req: Request) {
  return Response.json(openApiDocument(new URL(req.url).origin));
}

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
