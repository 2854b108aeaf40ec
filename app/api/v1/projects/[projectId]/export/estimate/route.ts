import { otherMethods, withActor } from "@/server/http";
import { estimateExport } from "@/server/export";
import { exportOptionsFromQuery } from "@/lib/validation/export";

/** What an export with these options would hold: `{ sentences, annotators, labels, sentenceAnnotatorPairs }`. */
export const GET = withActor<{ params: Promise<{ projectId: string }> }>(async (req, { actor, params }) =>
  estimateExport(actor, (await params).projectId, exportOptionsFromQuery(new URL(req.url).searchParams)),
);

/** Other methods: 405 with `Allow`. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
