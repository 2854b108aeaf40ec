/**
 * Suggestions from an OpenAI-compatible chat-completions endpoint (Ollama, vLLM, llama.cpp server,
 * hosted APIs): the prompt, built from the project's label schema, targets and guidelines, and the
 * strict reading of the model's answer. Framework-free; server/suggestions/chat-provider.ts sends
 * the request. The model is asked above all for stance per target, which no rule can give, and for
 * the project's other single-choice dimensions.
 *
 * The answer is read strictly: the chat reply's shape (zod), then the model's content as JSON of
 * exactly the asked shape (unknown fields are refused), sentences by the index they were sent with.
 * What it says is then one slant-suggest/1 reply, checked by the job runner like every provider's
 * (lib/suggest/protocol.ts checkReply: an unknown value or target rejects the whole reply).
 * No spans are asked for: models count characters badly, and a span the app cannot trust is worse
 * than none.
 */
import { z } from "zod";
import type { Dimension } from "../schema/types";
import type { LabelSchema } from "../schema/schema";
import { ProviderReplyError, type ProviderReplySuggestion, type ProviderRequest } from "./protocol";

/** Dimensions a model is asked about: one choice per target, per sentence or of a target. */
const ASKED_KINDS = new Set<Dimension["kind"]>(["per_target", "single", "target_choice"]);
/** Guidelines beyond this many characters are cut: the prompt must fit small local models' context. */
const MAX_GUIDELINES = 12_000;

export type ChatRequestContext = Pick<ProviderRequest, "project" | "document" | "segments">;

export function askedDimensions(schema: LabelSchema): Dimension[] {
  return schema.dimensions.filter((d) => ASKED_KINDS.has(d.kind));
}

function describeDimension(d: Dimension, targets: ChatRequestContext["project"]["targets"]): string {
  const values = "values" in d ? d.values : [];
  const lines = [`- "${d.id}" (${d.label})${d.description ? `: ${d.description}` : ""}`];
  if (d.kind === "per_target")
    lines.push(`  One value per target; give "target" (a target key). Leave a target out when the sentence says nothing about it.`);
  if (d.kind === "target_choice") {
    lines.push(
      `  The value is a target key (${targets.map((t) => `"${t.key}"`).join(", ") || "none"}) or one of the values below; "target" is null.`,
    );
  } else if (d.kind === "single") lines.push(`  One value for the sentence; "target" is null.`);
  for (const v of values) lines.push(`  - "${v.id}" (${v.label})${v.description ? `: ${v.description}` : ""}`);
  return lines.join("\n");
}

/** The chat messages for one document. Sentences are numbered by their index; boilerplate is not sent. */
export function chatMessages(request: ChatRequestContext): { role: "system" | "user"; content: string }[] {
  const { targets, schema, guidelines } = request.project;
  const dims = askedDimensions(schema);
  const guide = guidelines.trim();
  const system = [
    "You annotate news text for media bias, sentence by sentence, following the project's label schema and guidelines.",
    "Targets (the entities stance is judged towards), as key: name:",
    ...(targets.length ? targets.map((t) => `- "${t.key}": ${t.name}`) : ["(none)"]),
    "",
    "Dimensions and their allowed values (use the ids in quotes, exactly):",
    ...dims.map((d) => describeDimension(d, targets)),
    "",
    ...(guide
      ? ["Guidelines:", guide.length > MAX_GUIDELINES ? `${guide.slice(0, MAX_GUIDELINES)}\n[guidelines cut here]` : guide, ""]
      : []),
    "Answer with one JSON object and nothing else:",
    '{"labels": [{"sentence": <index>, "dimension": "<dimension id>", "target": "<target key>" or null, "value": "<value id>", "confidence": <0 to 1>}]}',
    "Give a label only when the sentence supports it; leave out what you are unsure of. Use only the sentence indexes given.",
  ].join("\n");
  const sentences = request.segments
    .filter((s) => s.kind !== "boilerplate")
    .map((s) => ({ index: s.index, ...(s.kind && s.kind !== "sentence" ? { kind: s.kind } : {}), text: s.text }));
  const user = `Sentences of the document (JSON):\n${JSON.stringify(sentences)}`;
  return [
    { role: "system", content: system },
    { role: "user", content: user },
  ];
}

/** The body POSTed to `…/chat/completions`: deterministic, JSON mode, no streaming. */
export function chatCompletionRequest(model: string, request: ChatRequestContext) {
  return { model, messages: chatMessages(request), temperature: 0, stream: false, response_format: { type: "json_object" } };
}

/** The part of an OpenAI-style chat completion Slant reads. */
const completionSchema = z.object({
  choices: z
    .array(z.object({ message: z.object({ content: z.string() }), finish_reason: z.string().nullable().optional() }))
    .min(1, "no choices"),
});

const modelLabelSchema = z
  .object({
    sentence: z.int().min(0),
    dimension: z.string().min(1).max(64),
    target: z.string().max(200).nullable().optional(),
    value: z.string().min(1).max(200),
    confidence: z.number().min(0).max(1),
  })
  .strict();

/** What the model must answer: exactly this, nothing more. */
export const modelAnswerSchema = z.object({ labels: z.array(modelLabelSchema).max(10_000) }).strict();

const formatPath = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");

/** A model that wraps its JSON in a Markdown fence (some do, even in JSON mode) is read as if it had not. */
const unfence = (s: string) => s.trim().replace(/^```(?:json)?\s*\n([\s\S]*)\n```$/u, "$1");

/**
 * Reads a chat completion as a slant-suggest/1 reply (`{ suggestions }`), one suggestion per label
 * the model gave, in its order (so `suggestions[i]` in a rejection is the model's `labels[i]`).
 * Throws ProviderReplyError when the completion or the model's answer is not of the asked shape,
 * was cut off, or names a sentence that was not sent.
 */
export function readChatCompletion(request: ChatRequestContext, body: unknown, rule: string): { suggestions: ProviderReplySuggestion[] } {
  const completion = completionSchema.safeParse(body);
  if (!completion.success) {
    const issue = completion.error.issues[0]!;
    throw new ProviderReplyError(`not a chat completion: ${formatPath(issue.path) || "reply"}: ${issue.message}`);
  }
  const choice = completion.data.choices[0]!;
  if (choice.finish_reason === "length") throw new ProviderReplyError("the model's answer was cut off (finish_reason: length)");
  let json: unknown;
  try {
    json = JSON.parse(unfence(choice.message.content));
  } catch (e) {
    throw new ProviderReplyError(`the model's answer is not JSON (${(e as Error).message}): ${choice.message.content.slice(0, 120)}`);
  }
  const answer = modelAnswerSchema.safeParse(json);
  if (!answer.success) {
    const issue = answer.error.issues[0]!;
    throw new ProviderReplyError(`the model's answer is not of the asked shape: ${formatPath(issue.path) || "answer"}: ${issue.message}`);
  }
  const sent = new Map(request.segments.filter((s) => s.kind !== "boilerplate").map((s) => [s.index, s.id]));
  const suggestions = answer.data.labels.map((l, i) => {
    const segmentId = sent.get(l.sentence);
    if (segmentId === undefined) throw new ProviderReplyError(`labels[${i}].sentence: ${l.sentence} is not one of the sentences sent`);
    return { segmentId, dimension: l.dimension, target: l.target ?? null, value: l.value, confidence: l.confidence, rule };
  });
  return { suggestions };
}
