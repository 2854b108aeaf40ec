import { providerProtocolDocument } from "@/lib/suggest/protocol";

/** The OpenAPI 3.1 description of the suggestion-provider protocol (public: it holds no data). */
export function GET() {
  return Response.json(providerProtocolDocument());
}
