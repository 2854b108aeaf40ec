/**
 * The suggestion-provider protocol ("slant-suggest/1"): how Slant asks an HTTP service for
 * suggestions, and what it accepts back. Framework-free; the same zod schemas validate the request
 * (in the provider served by `npm run slant -- serve-provider`) and every reply (in
 * server/suggestions/http-provider.ts), and generate the OpenAPI description served at
 * /api/v1/provider-protocol.json.
 *
 * A reply is all-or-nothing: one suggestion naming an unknown sentence, dimension, target or value,
 * a span outside its sentence or a confidence outside [0, 1] rejects the whole reply, with an error
 * naming that suggestion. A provider that sends bad output is broken, and its manager must see it
 * rather than a silently thinner set of suggestions.
 */
import { z } from "zod";
import { labelSchemaSchema, type LabelSchema } from "../schema/schema";
import { getDimension } from "../schema/helpers";
import { validateAnnotationValue } from "../schema/values";
import { SEGMENT_KINDS } from "../segment/kinds";

export const PROTOCOL_VERSION = "slant-suggest/1";

const span = z
  .tuple([z.int().min(0), z.int().min(0)])
  .refine(([s, e]) => s < e, "a span is [start, end) with start < end")
  .describe("[start, end) in UTF-16 code units relative to the sentence start");

export const providerRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    project: z.object({
      targets: z.array(z.object({ key: z.string(), name: z.string() })).describe("The entities stance is annotated towards"),
      schema: labelSchemaSchema.describe("The project's label schema: dimensions and their allowed values"),
      guidelines: z.string().describe("The annotation guidelines (Markdown), possibly empty"),
    }),
    document: z.object({ id: z.string(), text: z.string() }),
    segments: z.array(
      z.object({
        id: z.string(),
        index: z.int().min(0),
        start: z.int().min(0).describe("Offset of the sentence in document.text (UTF-16 code units)"),
        end: z.int().min(0),
        text: z.string(),
        kind: z.enum(SEGMENT_KINDS).nullable(),
      }),
    ),
  })
  .describe("What Slant POSTs to a provider: one document, its sentences and the project's label schema");

export const providerSuggestionSchema = z.object({
  segmentId: z.string().describe("The id of one of the request's segments"),
  dimension: z.string().describe("A dimension id of the label schema"),
  target: z.string().nullable().describe("A target key for per_target dimensions, otherwise null"),
  value: z.unknown().describe("A value as Slant stores it: a value id (single, per_target), a list of value ids (multi), a text (text)"),
  confidence: z.number().min(0).max(1),
  rule: z.string().min(1).max(200).describe('The rule or model that produced it, e.g. "quote" or "my-model-v2"'),
  evidence: z
    .object({ quotes: z.array(span).max(50).optional(), cue: span.optional() })
    .optional()
    .describe("Spans shown in the sentence as evidence (quoted content, the attribution cue), never stored as labels"),
});

export const providerReplySchema = z
  .object({ suggestions: z.array(providerSuggestionSchema).max(10_000) })
  .describe("What a provider answers (200, application/json)");

export type ProviderRequest = z.infer<typeof providerRequestSchema>;
export type ProviderReply = z.infer<typeof providerReplySchema>;
export type ProviderReplySuggestion = z.infer<typeof providerSuggestionSchema>;

/** A provider's reply that breaks the protocol; `message` says which part and why. */
export class ProviderReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ProviderReplyError";
  }
}

const formatPath = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");

/** At most this many suggestions for one sentence: more is a provider gone wrong, not a model being thorough. */
export const MAX_SUGGESTIONS_PER_SEGMENT = 50;

type ReplyContext = Pick<ProviderRequest, "project" | "document" | "segments">;

/** A suggestion that passed the checks; `value` as the annotation layer stores it (e.g. a multi list sorted). */
export type CheckedSuggestion = ProviderReplySuggestion & { target: string | null };

/**
 * The one check of what a provider says, for every provider (the job runner calls it on each
 * reply; the built-in rules use `suggestionProblems` to leave out what a project's schema cannot
 * hold). Parses the shape (zod), then checks each suggestion against the request's sentences and
 * the label schema. Throws ProviderReplyError naming the first problem (and how many more there are).
 */
export function checkReply(request: ReplyContext, body: unknown): CheckedSuggestion[] {
  const parsed = providerReplySchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const first = issues[0]!;
    throw new ProviderReplyError(
      `reply does not follow ${PROTOCOL_VERSION}: ${formatPath(first.path) || "reply"}: ${first.message}${more(issues.length)}`,
    );
  }
  const { checked, problems } = suggestionProblems(request, parsed.data.suggestions);
  if (problems.length) throw new ProviderReplyError(`reply rejected: ${problems[0]!.message}${more(problems.length)}`);
  return checked;
}

const more = (n: number) => (n > 1 ? ` (and ${n - 1} more problem${n > 2 ? "s" : ""})` : "");

/** Each suggestion checked against the request: the ones that hold, and a message per one that does not. */
export function suggestionProblems(
  request: ReplyContext,
  suggestions: readonly ProviderReplySuggestion[],
): { checked: CheckedSuggestion[]; problems: { index: number; message: string }[] } {
  const schema: LabelSchema = request.project.schema;
  const segments = new Map(request.segments.map((s) => [s.id, s]));
  const targets = request.project.targets.map((t) => t.key);
  const perSegment = new Map<string, number>();
  const checked: CheckedSuggestion[] = [];
  const problems: { index: number; message: string }[] = [];
  suggestions.forEach((s, i) => {
    const at = `suggestions[${i}]`;
    const problem = (message: string) => problems.push({ index: i, message: `${at}${message}` });
    const segment = segments.get(s.segmentId);
    if (!segment) return problem(`.segmentId: "${s.segmentId}" is not a sentence of the request`);
    const count = (perSegment.get(segment.id) ?? 0) + 1;
    perSegment.set(segment.id, count);
    if (count > MAX_SUGGESTIONS_PER_SEGMENT)
      return problem(`: more than ${MAX_SUGGESTIONS_PER_SEGMENT} suggestions for sentence "${segment.id}"`);
    const dim = getDimension(schema, s.dimension);
    if (dim?.kind === "span") return problem(`.dimension: "${s.dimension}" is a span dimension; send spans as evidence`);
    const value = validateAnnotationValue(
      schema,
      { dimension: s.dimension, target: s.target, value: s.value },
      { targets, segment, text: request.document.text },
    );
    if (!value.ok) return problem(`: ${value.error}`);
    if (value.value === null) return problem(`.value: empty; leave the suggestion out instead`);
    const length = segment.end - segment.start;
    const spans: [string, [number, number]][] = [
      ...(s.evidence?.quotes ?? []).map((q, j) => [`evidence.quotes[${j}]`, q] as [string, [number, number]]),
      ...(s.evidence?.cue ? [["evidence.cue", s.evidence.cue] as [string, [number, number]]] : []),
    ];
    const outside = spans.find(([, [, end]]) => end > length);
    if (outside) {
      const [where, [start, end]] = outside;
      return problem(`.${where}: [${start}, ${end}] runs past the end of its sentence (length ${length})`);
    }
    checked.push({ ...s, target: s.target || null, value: value.value });
  });
  return { checked, problems };
}

/** The OpenAPI 3.1 description of the protocol: the one operation a provider implements. */
export function providerProtocolDocument() {
  const schema = (s: z.ZodType) => z.toJSONSchema(s, { target: "draft-2020-12", unrepresentable: "any", io: "input" });
  return {
    openapi: "3.1.0",
    info: {
      title: "Slant suggestion provider protocol",
      version: PROTOCOL_VERSION,
      description:
        "Implement this operation to plug a model into Slant. Slant POSTs one document at a time (its sentences, the project's " +
        "targets, label schema and guidelines) and waits for the reply in the background, up to SUGGEST_PROVIDER_TIMEOUT_MS. " +
        "The reply is all-or-nothing: a suggestion naming an unknown sentence, dimension, target or value, a span outside its " +
        "sentence, a confidence outside [0, 1], a body over SUGGEST_PROVIDER_MAX_BYTES or any status but 200 rejects the whole " +
        "reply, and the error is shown to the project's managers. Leave out what you have no suggestion for. When an API key is " +
        "configured, Slant sends it as `Authorization: Bearer <key>`. Reference implementation: `npm run slant -- serve-provider`.",
    },
    paths: {
      "/": {
        post: {
          operationId: "suggest",
          summary: "Suggestions for the sentences of one document",
          requestBody: { required: true, content: { "application/json": { schema: schema(providerRequestSchema) } } },
          responses: {
            "200": { description: "Suggestions", content: { "application/json": { schema: schema(providerReplySchema) } } },
            "400": { description: "The request does not follow the protocol (Slant records the error)" },
          },
        },
      },
    },
  };
}
