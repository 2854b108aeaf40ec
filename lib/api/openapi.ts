/**
 * The OpenAPI 3.1 description of Slant's REST API (/api/v1), written by hand. Every route file
 * under app/api/v1 must appear here (lib/api/openapi.test.ts checks it).
 */

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description = "OK") => ({ description, content: { "application/json": { schema } } });
const param = (name: string, where: "path" | "query", description: string, schema: Json = { type: "string" }) => ({
  name,
  in: where,
  required: where === "path",
  description,
  schema,
});
const projectId = param("projectId", "path", "Project id or slug");
const documentId = param("documentId", "path", "Document id");
const sourceIdParam = param("sourceId", "path", "Source ledger entry id");
const page = [
  param("cursor", "query", "The `nextCursor` of the previous page"),
  param("limit", "query", "Items per page", { type: "integer", minimum: 1, maximum: 500, default: 100 }),
];
const errors = {
  "401": {
    description: "No session and no valid token (unknown, revoked, or its user is disabled)",
    content: { "application/json": { schema: ref("Error") } },
  },
  "403": {
    description: "Not allowed for your role, or a read-only token on a write",
    content: { "application/json": { schema: ref("Error") } },
  },
  "404": { description: "Not found, or not a member of the project", content: { "application/json": { schema: ref("Error") } } },
  "422": { description: "Invalid input; the message names the field", content: { "application/json": { schema: ref("Error") } } },
};
const jsonBody = (schema: Json) => ({ required: true, content: { "application/json": { schema } } });
const obj = (properties: Json, required: string[] = []) => ({ type: "object", properties, required });
const loose = (description: string) => ({ type: "object", description, additionalProperties: true });

function op(tag: string, summary: string, extra: Json = {}, ok: Json = json(loose("See the description"))) {
  return { tags: [tag], summary, ...extra, responses: { "200": ok, ...errors } };
}

/** A report's query: whose labels count, and the download formats (`csv`: what a CSV row is). */
const reportParams = (csv: string) => [
  param("format", "query", `json (default) or csv: ${csv}`, { type: "string", enum: ["json", "csv"], default: "json" }),
  param("annotator", "query", "User id whose labels count where there is no gold and no majority"),
  param("download", "query", "1: as an attachment", { type: "string", enum: ["0", "1"] }),
];
const reportAnswer = (fields: string) => ({
  description: "The report",
  content: { "application/json": { schema: loose(fields) }, "text/csv": { schema: { type: "string" } } },
});

const exportParams = [
  param("format", "query", "File format", {
    type: "string",
    enum: ["jsonl", "csv-long", "csv-wide", "doccano", "labelstudio", "package"],
    default: "jsonl",
  }),
  param("done_only", "query", "1: only labels of annotators who marked the document done", { type: "string", enum: ["0", "1"] }),
  param("annotators", "query", "Comma-separated user ids (default: everybody)"),
  param("from", "query", "Keep an annotator's sentence when its last change is at or after this date (YYYY-MM-DD or ISO 8601)"),
  param("to", "query", "… and before the end of this date"),
  param("gold_only", "query", "1: only sentences with gold labels", { type: "string", enum: ["0", "1"] }),
  param("include_boilerplate", "query", "1: include boilerplate sentences", { type: "string", enum: ["0", "1"] }),
  param("license", "query", "Licence written into the dataset card (package)", { type: "string", default: "cc-by-4.0" }),
  param("emails", "query", "1: annotators' emails beside the pseudonyms (managers only)", { type: "string", enum: ["0", "1"] }),
  param("bom", "query", "1: UTF-8 byte order mark at the start of CSV files", { type: "string", enum: ["0", "1"] }),
  param(
    "for_spreadsheets",
    "query",
    "1: CSV for spreadsheet software: every cell starting with =, +, -, @, a tab or a carriage return gets a leading ' so it is not run as a formula. This changes those cells, so `text[start:end]` no longer holds for them; by default (0) the text is exact",
    { type: "string", enum: ["0", "1"], default: "0" },
  ),
];

const schemas = {
  Error: obj({ error: obj({ code: { type: "string" }, message: { type: "string" }, details: {} }, ["code", "message"]) }, ["error"]),
  Project: obj({
    id: { type: "string" },
    slug: { type: "string" },
    name: { type: "string" },
    description: { type: "string" },
    role: { enum: ["MANAGER", "REVIEWER", "ANNOTATOR"] },
    documentCount: { type: "integer" },
    memberCount: { type: "integer" },
  }),
  Document: obj({
    id: { type: "string" },
    externalId: { type: ["string", "null"] },
    title: { type: "string" },
    outlet: { type: ["string", "null"], description: "null for annotators of an outlet-blind project (so are url and author)" },
    story: { type: ["string", "null"], description: "The story (one event, several outlets) the document belongs to" },
    url: { type: ["string", "null"] },
    author: { type: ["string", "null"] },
    publishedAt: { type: ["string", "null"], format: "date-time" },
    language: { type: "string" },
    createdAt: { type: "string", format: "date-time" },
    sentences: { type: "integer" },
  }),
  Annotation: obj({
    id: { type: "string" },
    documentId: { type: "string" },
    segmentId: { type: "string" },
    sentenceIndex: { type: "integer" },
    userId: { type: "string" },
    dimension: { type: "string" },
    target: { type: ["string", "null"] },
    value: {
      description: "As stored: a value id, a list, spans {start, end, label} in UTF-16 code units, text, a boolean; null = cleared",
    },
    version: { type: "integer" },
    updatedAt: { type: "string", format: "date-time" },
  }),
  SaveAnnotation: obj(
    {
      documentId: { type: "string" },
      segmentId: { type: "string" },
      dimension: { type: "string" },
      target: { type: ["string", "null"] },
      value: { description: "null clears the label" },
      baseVersion: { type: ["integer", "null"] },
      suggestionId: { type: ["string", "null"], description: "The suggestion this value is accepted from, unchanged (provenance)" },
    },
    ["documentId", "segmentId", "dimension", "value", "baseVersion"],
  ),
  StoryName: { type: ["string", "null"], maxLength: 200, description: "Trimmed; empty or null means no story" },
  SourceInput: obj({
    name: { type: "string", maxLength: 200, description: "Canonical name (required when adding)" },
    type: { type: ["string", "null"], description: "A value id of the project's source-type dimension" },
    side: { type: ["string", "null"], description: "A target key or another value of the source-side dimension" },
    attributes: {
      type: "object",
      additionalProperties: { type: ["string", "null"] },
      description: "Values of the project's source attributes",
    },
    names: { type: "array", items: { type: "string" }, description: "When adding: typed names that become aliases" },
  }),
  ExportEstimate: obj({
    sentences: { type: "integer" },
    annotators: { type: "integer" },
    labels: { type: "integer" },
    sentenceAnnotatorPairs: { type: "integer" },
  }),
};

const file = (types: string[]) => ({
  description: "The export file, streamed (Content-Disposition: attachment)",
  content: Object.fromEntries(types.map((t) => [t, { schema: { type: "string", format: "binary" } }])),
});

export function openApiDocument(serverUrl?: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Slant API",
      version: "1",
      description:
        "Sentence-level media-bias annotation. Authenticate with a personal access token (Settings → API tokens): `Authorization: Bearer slant_…`. " +
        "A token acts as its user with the same permissions as in the web app; read tokens may only GET. Ids are opaque strings; projects also take their slug. " +
        "Times are UTC ISO 8601. Exports give offsets in Unicode code points; the label endpoints use UTF-16 code units, as the web app does.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths: {
      "/api/v1/projects": {
        get: op("projects", "Projects you are a member of", {}, json(obj({ projects: { type: "array", items: ref("Project") } }))),
      },
      "/api/v1/projects/{projectId}": {
        get: op(
          "projects",
          "A project: targets, your role, documents with your progress (status not_started, in_progress, sent_back: sentences a reviewer sent back are not confirmed again, or done)",
          { parameters: [projectId] },
        ),
      },
      "/api/v1/projects/{projectId}/documents": {
        get: op(
          "documents",
          "The project's documents, paginated",
          { parameters: [projectId, ...page] },
          json(obj({ documents: { type: "array", items: ref("Document") }, nextCursor: { type: ["string", "null"] } })),
        ),
        patch: op(
          "documents",
          'Set (or clear, with null or "") the story of documents in bulk (managers); 404 when an id is not in the project, nothing changed',
          {
            parameters: [projectId],
            requestBody: jsonBody(
              obj({ documentIds: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 10000 }, story: ref("StoryName") }, [
                "documentIds",
                "story",
              ]),
            ),
          },
          json(obj({ story: ref("StoryName"), changed: { type: "integer" }, unchanged: { type: "integer" } })),
        ),
      },
      "/api/v1/projects/{projectId}/annotations": {
        get: op(
          "annotations",
          "The project's labels, paginated (annotators of blind projects see only their own)",
          { parameters: [projectId, ...page, param("documentId", "query", "Only this document's labels")] },
          json(obj({ annotations: { type: "array", items: ref("Annotation") }, nextCursor: { type: ["string", "null"] } })),
        ),
      },
      "/api/v1/projects/{projectId}/export": {
        get: {
          tags: ["export"],
          summary: "Export the project's labels (streamed); annotators of blind projects get only their own labels",
          parameters: [projectId, ...exportParams],
          responses: { "200": file(["application/x-ndjson", "text/csv", "application/json", "application/zip"]), ...errors },
        },
      },
      "/api/v1/projects/{projectId}/export/estimate": {
        get: op(
          "export",
          "Size of an export with these options, before downloading it",
          { parameters: [projectId, ...exportParams] },
          json(ref("ExportEstimate")),
        ),
      },
      "/api/v1/projects/{projectId}/imports": {
        post: op("imports", "Start an import (managers): multipart `files`, or JSON { text, title? }; 202 with the job", {
          parameters: [projectId],
          requestBody: {
            required: true,
            content: {
              "multipart/form-data": { schema: obj({ files: { type: "array", items: { type: "string", format: "binary" } } }) },
              "application/json": { schema: obj({ text: { type: "string" }, title: { type: "string" } }, ["text"]) },
            },
          },
        }),
        get: op("imports", "Recent imports of the project (managers)", { parameters: [projectId] }),
      },
      "/api/v1/projects/{projectId}/imports/{jobId}": {
        get: op("imports", "One import: status, progress and report", { parameters: [projectId, param("jobId", "path", "Import job id")] }),
      },
      "/api/v1/projects/{projectId}/suggestions": {
        post: op(
          "suggestions",
          "Compute suggestions again for documents in the background (managers); JSON { documentIds? }, {} for all; 202 { queued }",
          {
            parameters: [projectId],
            requestBody: jsonBody(obj({ documentIds: { type: "array", items: { type: "string" } } })),
          },
        ),
        get: op("suggestions", "Suggestion runs per provider: counts by status and the latest errors (managers)", {
          parameters: [projectId],
        }),
      },
      "/api/v1/projects/{projectId}/documents/{documentId}/suggestions": {
        get: op("suggestions", "A document's machine suggestions (not labels), offsets relative to each segment", {
          parameters: [projectId, documentId],
        }),
      },
      "/api/v1/projects/{projectId}/documents/{documentId}/report": {
        get: {
          tags: ["reports"],
          summary:
            "The article's sourcing report: sources with sentences and words (direct vs paraphrased), shares per side, unattributed claims, stance per target, loaded-language density, a summary line; each figure says which labels it rests on (gold, majority, one annotator). Reviewers and managers; annotators unless the project is blind",
          parameters: [projectId, documentId, ...reportParams("one row per source")],
          responses: { "200": reportAnswer("{ documentId, labelPolicy, dimensions, report }"), ...errors },
        },
      },
      "/api/v1/projects/{projectId}/reports": {
        get: op(
          "reports",
          "Sourcing figures per outlet or per story: the article reports merged (counts added, shares and scores recomputed, a named source counted once). Same access as an article's report",
          {
            parameters: [
              projectId,
              param("by", "query", "outlet (default) or story", { type: "string", enum: ["outlet", "story"], default: "outlet" }),
              ...reportParams("one row per outlet or story"),
            ],
          },
          reportAnswer("{ project, dimensions, labels, labelPolicy, annotator, annotators, by, groups }"),
        ),
      },
      "/api/v1/projects/{projectId}/reports/articles": {
        get: op(
          "reports",
          "Every article's sourcing report, streamed: one row per article × source (csv, the default) or one report per line (jsonl); default label policy (gold, majority, the only confirming annotator). Same access as an article's report",
          {
            parameters: [
              projectId,
              param("format", "query", "csv (default) or jsonl", { type: "string", enum: ["csv", "jsonl"], default: "csv" }),
            ],
          },
          {
            description: "The file",
            content: { "text/csv": { schema: { type: "string" } }, "application/x-ndjson": { schema: { type: "string" } } },
          },
        ),
      },
      "/api/v1/projects/{projectId}/reports/comparison": {
        get: op(
          "reports",
          "One story's outlets side by side: each outlet's first quoted source and its side, stance per target per outlet, named sources one outlet quotes and another does not (candidate omissions)",
          {
            parameters: [
              projectId,
              { ...param("story", "query", "The story's name"), required: true },
              ...reportParams("one row per outlet, with its first quoted source and candidate omissions"),
            ],
          },
          reportAnswer("{ project, dimensions, labels, labelPolicy, annotator, annotators, comparison }"),
        ),
      },
      "/api/v1/projects/{projectId}/sources": {
        get: op(
          "sources",
          "The source ledger (reviewers, managers): entries (canonical name, type, side, attributes) with their aliases and label counts, and the typed names no alias knows (pending)",
          { parameters: [projectId] },
          json(loose("{ project, attributes, types, sides, sources, pending }")),
        ),
        post: op("sources", "Add an entry, or approve pending names as one (managers); 409 when a name belongs to another entry", {
          parameters: [projectId],
          requestBody: jsonBody(ref("SourceInput")),
        }),
      },
      "/api/v1/projects/{projectId}/sources/{sourceId}": {
        patch: op("sources", "Edit an entry's name, type, side or attributes (managers)", {
          parameters: [projectId, sourceIdParam],
          requestBody: jsonBody(ref("SourceInput")),
        }),
        delete: op("sources", "Delete an entry (managers); its names become pending again, no label changes", {
          parameters: [projectId, sourceIdParam],
        }),
      },
      "/api/v1/projects/{projectId}/sources/{sourceId}/aliases": {
        post: op("sources", "Link typed names to an entry (managers); 409 when a name belongs to another entry", {
          parameters: [projectId, sourceIdParam],
          requestBody: jsonBody(obj({ names: { type: "array", items: { type: "string" }, minItems: 1, maxItems: 500 } }, ["names"])),
        }),
      },
      "/api/v1/projects/{projectId}/sources/merge": {
        post: op("sources", "Merge entries into one (managers): the aliases of `from` move to `into`; no label changes", {
          parameters: [projectId],
          requestBody: jsonBody(
            obj({ into: { type: "string" }, from: { type: "array", items: { type: "string" }, minItems: 1 } }, ["into", "from"]),
          ),
        }),
      },
      "/api/v1/projects/{projectId}/sources/split": {
        post: op(
          "sources",
          "Unmerge (managers): names of one entry leave it and form a new entry named after the first; no label changes",
          {
            parameters: [projectId],
            requestBody: jsonBody(obj({ aliasIds: { type: "array", items: { type: "string" }, minItems: 1 } }, ["aliasIds"])),
          },
        ),
      },
      "/api/v1/projects/{projectId}/sources/attributes": {
        put: op("sources", "The attribute names the ledger records per source, in order (managers)", {
          parameters: [projectId],
          requestBody: jsonBody(obj({ attributes: { type: "array", items: { type: "string" }, maxItems: 20 } }, ["attributes"])),
        }),
      },
      "/api/v1/projects/{projectId}/sources/names": {
        get: op(
          "sources",
          "The names the source-name field offers you (members): the ledger's names and aliases and your own earlier names, never a colleague's unapproved name",
          { parameters: [projectId] },
          json(obj({ names: { type: "array", items: obj({ name: { type: "string" }, detail: { type: "string" } }) } })),
        ),
      },
      "/api/v1/projects/{projectId}/agreement": {
        get: op("agreement", "Inter-annotator agreement per variable and per document (managers, reviewers)", { parameters: [projectId] }),
      },
      "/api/v1/projects/{projectId}/quality": {
        get: op(
          "agreement",
          "Per-annotator quality (managers, reviewers): per annotator and variable (dimension, or dimension toward a target) agreement with adjudicated gold, agreement with the majority of the other annotators (own vote left out), Cohen's κ with each colleague, label counts beside the team's; per annotator time per sentence (median, share under 2 s) and confirmation rate",
          {
            parameters: [
              projectId,
              param("format", "query", "json (default) or csv: one row per annotator × variable", {
                type: "string",
                enum: ["json", "csv"],
                default: "json",
              }),
              param("download", "query", "1: as an attachment", { type: "string", enum: ["0", "1"] }),
            ],
          },
          reportAnswer(
            "annotators (id, name, gold, confirmation, time), variables (key, label, categories, teamCounts, annotators, kappa, kappaN), timeFloorMs, goldSentences",
          ),
        ),
      },
      "/api/v1/projects/{projectId}/assignments": {
        get: op("assignments", "Progress per annotator and per document (managers, reviewers)", { parameters: [projectId] }),
        post: op("assignments", "Assign or unassign documents in bulk (managers)", {
          parameters: [projectId],
          requestBody: jsonBody(loose("{ assign, documentIds, userIds }")),
        }),
      },
      "/api/v1/projects/{projectId}/next-document": {
        post: op("assignments", "Take the next document that needs you", { parameters: [projectId] }),
      },
      "/api/v1/annotations": {
        post: op("annotations", "Save one label; 409 with the current value on a stale baseVersion", {
          requestBody: jsonBody(ref("SaveAnnotation")),
        }),
      },
      "/api/v1/segment-status": {
        post: op("annotations", "Confirm or un-confirm a sentence", {
          requestBody: jsonBody(
            obj({
              documentId: { type: "string" },
              segmentId: { type: "string" },
              confirmed: { type: "boolean" },
              baseVersion: { type: ["integer", "null"] },
            }),
          ),
        }),
      },
      "/api/v1/segment-time": {
        post: op(
          "annotations",
          "Add time spent per sentence in the workspace to your own (summed, never overwritten; no label is written). Idle gaps are capped by the client (60 s without input counts as 60 s)",
          {
            requestBody: jsonBody(
              obj(
                {
                  documentId: { type: "string" },
                  entries: {
                    type: "array",
                    minItems: 1,
                    maxItems: 500,
                    items: obj({ segmentId: { type: "string" }, ms: { type: "integer", minimum: 1, maximum: 86400000 } }, [
                      "segmentId",
                      "ms",
                    ]),
                  },
                },
                ["documentId", "entries"],
              ),
            ),
          },
          json(obj({ recorded: { type: "integer" } })),
        ),
      },
      "/api/v1/documents/{documentId}": {
        get: op(
          "documents",
          "A document: metadata, text and sentences (offsets in UTF-16 code units). For an annotator of an outlet-blind project the text has the outlet's and author's names masked ([outlet], [author]) and sentence offsets are into that text; `masks` lists each masked region as {start, end} (stored text) and {maskedStart, maskedEnd}, to map a span back to the stored offsets labels are posted in",
          { parameters: [documentId] },
        ),
        patch: op(
          "documents",
          'Change a document\'s metadata (managers): its story; null or "" clears it',
          { parameters: [documentId], requestBody: jsonBody(obj({ story: ref("StoryName") }, ["story"])) },
          json(obj({ id: { type: "string" }, story: ref("StoryName") })),
        ),
      },
      "/api/v1/documents/{documentId}/segments/split": {
        post: op("documents", "Split a sentence (managers); 409 with a report when labels are concerned and confirm is not true", {
          parameters: [documentId],
          requestBody: jsonBody(
            obj(
              {
                segmentId: { type: "string" },
                at: { type: "integer", description: "UTF-16 offset in the document" },
                confirm: { type: "boolean" },
              },
              ["segmentId", "at"],
            ),
          ),
        }),
      },
      "/api/v1/documents/{documentId}/segments/merge": {
        post: op(
          "documents",
          "Merge two neighbouring sentences (managers); 409 with a report when labels are concerned and confirm is not true",
          {
            parameters: [documentId],
            requestBody: jsonBody(
              obj({ segmentIds: { type: "array", items: { type: "string" }, minItems: 2, maxItems: 2 }, confirm: { type: "boolean" } }, [
                "segmentIds",
              ]),
            ),
          },
        ),
      },
      "/api/v1/documents/{documentId}/annotations": {
        get: op("annotations", "Your own labels and confirmations in one document", { parameters: [documentId] }),
      },
      "/api/v1/documents/{documentId}/done": {
        post: op("annotations", "Mark the document done (or reopen it) for you", {
          parameters: [documentId],
          requestBody: jsonBody(obj({ done: { type: "boolean" }, allowIncomplete: { type: "boolean" } })),
        }),
      },
      "/api/v1/documents/{documentId}/gold": {
        get: op("review", "Gold labels of one document (reviewers, managers)", { parameters: [documentId] }),
      },
      "/api/v1/documents/{documentId}/review-comments": {
        get: op("review", "Comments reviewers sent you about this document", { parameters: [documentId] }),
      },
      "/api/v1/gold": {
        post: op("review", "Save one gold label (reviewers)", {
          requestBody: jsonBody(loose("{ documentId, segmentId, dimension, target, value, baseVersion }")),
        }),
      },
      "/api/v1/review/send-back": {
        post: op("review", "Send a sentence back to an annotator with a comment (reviewers)", {
          requestBody: jsonBody(loose("{ documentId, segmentId, annotatorId, comment }")),
        }),
      },
      "/api/v1/openapi.json": {
        get: { tags: ["meta"], summary: "This document", security: [], responses: { "200": json(loose("OpenAPI 3.1")) } },
      },
      "/api/v1/provider-protocol.json": {
        get: {
          tags: ["meta"],
          summary: "The protocol a suggestion provider serves (slant-suggest/1), as OpenAPI 3.1",
          security: [],
          responses: { "200": json(loose("OpenAPI 3.1")) },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal access token, `slant_…`" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The web app's session" },
      },
      schemas,
    },
  };
}
