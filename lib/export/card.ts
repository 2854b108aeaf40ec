/**
 * The dataset card (README.md of the dataset package) in Hugging Face's format: a YAML header
 * (license, language, task_categories, configs with data_files, dataset_info features), then the
 * description, the label definitions from the schema, annotators, collection dates and agreement.
 */
import type { Dimension } from "@/lib/schema/types";
import { agreementSection, type ProjectAgreementFigures } from "./agreement";
import { SLANT_FORMAT_VERSION, type ExportContext } from "./types";

/** Licences offered at export (Hugging Face licence identifiers). */
export const DATASET_LICENSES = [
  "cc-by-4.0",
  "cc-by-sa-4.0",
  "cc-by-nc-4.0",
  "cc-by-nc-sa-4.0",
  "cc0-1.0",
  "odc-by",
  "mit",
  "apache-2.0",
  "other",
  "unknown",
] as const;
export type DatasetLicense = (typeof DATASET_LICENSES)[number];

export interface CardStats {
  documents: number;
  sentences: number;
  /** BCP 47 tags of the exported documents */
  languages: string[];
  /** first and last label change among the exported labels (ISO 8601 UTC), null when none */
  firstLabelAt: string | null;
  lastLabelAt: string | null;
  exportedAt: string;
}

/** The package's files, as the card describes them (paths inside the zip). */
export const PACKAGE_FILES = {
  sentences: "sentences.jsonl",
  documents: "documents.jsonl",
  long: "csv/sentences_long.csv",
  wide: "csv/sentences_wide.csv",
  doccano: "doccano.jsonl",
  labelStudio: "label_studio.json",
  schema: "label_schema.json",
  guidelines: "guidelines.md",
  agreement: "agreement.json",
  suggestionAcceptance: "suggestion_acceptance.json",
  card: "README.md",
} as const;

const q = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML double-quoted scalar

type Feature =
  { name: string; dtype: string } | { name: string; struct: Feature[] } | { name: string; list: Feature[] | string | { list: string } };

function yamlFeatures(features: Feature[], indent: string): string {
  let out = "";
  for (const f of features) {
    out += `${indent}- name: ${f.name}\n`;
    if ("dtype" in f) out += `${indent}  dtype: ${f.dtype}\n`;
    else if ("struct" in f) out += `${indent}  struct:\n${yamlFeatures(f.struct, `${indent}  `)}`;
    else if (typeof f.list === "string") out += `${indent}  list: ${f.list}\n`;
    else if (!Array.isArray(f.list)) out += `${indent}  list:\n${indent}    list: ${f.list.list}\n`;
    else out += `${indent}  list:\n${yamlFeatures(f.list, `${indent}  `)}`;
  }
  return out;
}

const str = (name: string): Feature => ({ name, dtype: "string" });
const int = (name: string): Feature => ({ name, dtype: "int64" });

function labelFeatures(ctx: ExportContext): Feature[] {
  return ctx.schema.dimensions.map((d): Feature => {
    switch (d.kind) {
      case "per_target":
        return { name: d.id, struct: ctx.targets.map((t) => str(t.key)) };
      case "multi":
        return { name: d.id, list: "string" };
      case "span":
        return { name: d.id, list: [int("start"), int("end"), str("label"), str("text")] };
      case "flag":
        return { name: d.id, dtype: "bool" };
      default:
        return str(d.id);
    }
  });
}

export function sentenceFeatures(ctx: ExportContext): Feature[] {
  const labels = labelFeatures(ctx);
  const entry: Feature[] = [
    str("annotator"),
    ...(ctx.includeEmails ? [str("email")] : []),
    { name: "confirmed", dtype: "bool" },
    str("updated_at"),
    { name: "labels", struct: labels },
  ];
  return [
    int("format_version"),
    { name: "project", struct: [str("id"), str("slug"), str("name"), { name: "suggestions_shown", dtype: "bool" }] },
    { name: "document", struct: ["id", "external_id", "title", "outlet", "story", "url", "author", "published_at", "language"].map(str) },
    int("sentence_index"),
    int("paragraph"),
    int("start"),
    int("end"),
    str("text"),
    str("whitespace_before"),
    str("whitespace_after"),
    { name: "is_boilerplate", dtype: "bool" },
    str("boilerplate_reason"),
    str("kind"),
    { name: "annotations", list: entry },
    { name: "gold", struct: labels },
    { name: "majority", struct: labels },
    {
      name: "suggestions",
      list: [
        str("provider"),
        str("rule"),
        str("dimension"),
        str("target"),
        str("value"),
        { name: "confidence", dtype: "float64" },
        {
          name: "evidence",
          struct: [
            { name: "quotes", list: { list: "int64" } },
            { name: "cue", list: "int64" },
          ],
        },
      ],
    },
  ];
}

const DOCUMENT_FEATURES: Feature[] = [
  "id",
  "external_id",
  "title",
  "outlet",
  "story",
  "url",
  "author",
  "published_at",
  "language",
  "text",
].map(str);

function sizeCategory(n: number): string {
  const steps: [number, string][] = [
    [1e3, "n<1K"],
    [1e4, "1K<n<10K"],
    [1e5, "10K<n<100K"],
    [1e6, "100K<n<1M"],
    [1e7, "1M<n<10M"],
  ];
  return steps.find(([max]) => n < max)?.[1] ?? "10M<n<100M";
}

const KIND_TEXT: Record<Dimension["kind"], string> = {
  per_target: 'one value per target; "none" when the annotator confirmed the sentence without one',
  single: "one value",
  multi: "a list of values",
  span: "spans of the sentence, each with one label",
  text: "free text",
  target_choice: "one of the targets, or one of the values below",
  flag: "true or false",
};

function labelSection(ctx: ExportContext): string {
  let out = "## Labels\n\nValues are stable ids; the names below are for reading.\n\n";
  if (ctx.targets.length) {
    out += `Targets: ${ctx.targets.map((t) => `\`${t.key}\` (${t.name})`).join(", ")}.\n\n`;
  }
  for (const d of ctx.schema.dimensions) {
    out += `### ${d.label} (\`${d.id}\`)\n\n${d.description ? `${d.description} ` : ""}Kind: ${KIND_TEXT[d.kind]}.\n\n`;
    if ("values" in d && d.values.length) {
      out += "| value | name | description |\n| --- | --- | --- |\n";
      for (const v of d.values) out += `| \`${v.id}\` | ${v.label} | ${(v.description ?? "").replace(/\|/g, "\\|")} |\n`;
      out += "\n";
    }
  }
  return out;
}

/** Whether annotators saw machine suggestions: readers of the data need to know if judgements were unaided. */
function suggestionsShownText(ctx: ExportContext): string {
  const { suggestionsShown, suggestionsOffSince } = ctx.project;
  const shown = suggestionsShown
    ? "Annotators were shown machine suggestions (built-in extraction rules and any configured model provider) as values to accept or change. " +
      "Every label is still a person's: a suggestion becomes a label only when an annotator accepts it (it is then their label, and agreement counts it as theirs)."
    : `Machine suggestions were turned off for this project on ${suggestionsOffSince?.slice(0, 10) ?? "an unknown date"} and are not shown to annotators: ` +
      "labels given after that are unaided judgements. Labels given before may have been made with suggestions shown (the project's audit log says when the setting changed).";
  return `${shown} Each sentence record says it in \`project.suggestions_shown\`.\n\n`;
}

export function datasetCard(
  ctx: ExportContext,
  stats: CardStats,
  license: DatasetLicense,
  agreement: ProjectAgreementFigures | null,
  agreementUnavailable: string | null = null,
): string {
  const languages = [...new Set(stats.languages.map((l) => l.split("-")[0]!.toLowerCase()))].sort();
  const yaml =
    `---\nlicense: ${license}\n` +
    `language:\n${(languages.length ? languages : ["en"]).map((l) => `- ${l}`).join("\n")}\n` +
    "task_categories:\n- text-classification\n- token-classification\n" +
    `pretty_name: ${q(ctx.project.name)}\nsize_categories:\n- ${sizeCategory(stats.sentences)}\n` +
    "tags:\n- media-bias\n- stance\n- news\n" +
    `configs:\n- config_name: sentences\n  default: true\n  data_files:\n  - split: train\n    path: ${PACKAGE_FILES.sentences}\n` +
    `- config_name: documents\n  data_files:\n  - split: train\n    path: ${PACKAGE_FILES.documents}\n` +
    `dataset_info:\n- config_name: sentences\n  features:\n${yamlFeatures(sentenceFeatures(ctx), "  ")}` +
    `- config_name: documents\n  features:\n${yamlFeatures(DOCUMENT_FEATURES, "  ")}---\n\n`;
  const dates =
    stats.firstLabelAt && stats.lastLabelAt
      ? `from ${stats.firstLabelAt.slice(0, 10)} to ${stats.lastLabelAt.slice(0, 10)}`
      : "(no labels in this export)";
  const body =
    `# ${ctx.project.name}\n\n${ctx.project.description ? `${ctx.project.description}\n\n` : ""}` +
    `Sentence-level media-bias annotations of ${stats.documents} news documents (${stats.sentences} sentences), exported from Slant on ${stats.exportedAt.slice(0, 10)}. ` +
    "Each sentence carries every annotator's labels, the adjudicated gold labels where a reviewer decided them, and the majority label.\n\n" +
    "## Files\n\n" +
    `- \`${PACKAGE_FILES.sentences}\` (config \`sentences\`): one record per sentence: \`format_version\` (${SLANT_FORMAT_VERSION}), project, document metadata, sentence index, start/end in the document, text, the whitespace around it, boilerplate flag and reason, the segment \`kind\`, \`annotations\` (one entry per annotator: \`annotator\`, \`confirmed\`, \`updated_at\`, \`labels\`), \`gold\`, \`majority\`, \`suggestions\`.\n` +
    `- \`${PACKAGE_FILES.documents}\` (config \`documents\`): one record per document with its full text.\n` +
    `- \`${PACKAGE_FILES.long}\` (one row per sentence × annotator × dimension/target) and \`${PACKAGE_FILES.wide}\` (one row per sentence).\n` +
    `- \`${PACKAGE_FILES.doccano}\` (doccano span labels) and \`${PACKAGE_FILES.labelStudio}\` (Label Studio tasks).\n` +
    `- \`${PACKAGE_FILES.schema}\`, \`${PACKAGE_FILES.guidelines}\`, \`${PACKAGE_FILES.agreement}\`, \`${PACKAGE_FILES.suggestionAcceptance}\` (per rule and per dimension: how often annotators accepted the suggestions unchanged, overrode or rejected them).\n\n` +
    "## Offsets\n\n" +
    "Offsets are Unicode code points, not bytes or UTF-16 units, so Python slicing works as is: " +
    '`documents[id]["text"][s["start"]:s["end"]] == s["text"]` for a sentence `s`, and ' +
    '`s["text"][span["start"]:span["end"]] == span["text"]` for a span (span offsets are relative to the sentence).\n\n' +
    "## Format version and document text\n\n" +
    `Each sentence record carries \`format_version\` (${SLANT_FORMAT_VERSION}: this layout). The text between sentences is whitespace only and is not repeated: ` +
    "`whitespace_after` is the text after a sentence up to the next one (or the end of the document), and `whitespace_before` the text before a document's first sentence (`null` on the others). " +
    'So a document\'s sentences, in `sentence_index` order, give its text exactly: `s0["whitespace_before"] + "".join(s["text"] + s["whitespace_after"] for s in sentences)`, ' +
    'when the export includes every sentence (boilerplate included, no "gold only" filter), which is also what Slant\'s `import:slant` needs to bring the project back exactly.\n\n' +
    '## "none" versus not annotated\n\n' +
    "An annotator absent from a sentence's `annotations` did not annotate it. In `labels` every dimension is present; `null` means no value. " +
    'A per-target stance is `"none"` when the annotator confirmed the sentence without a stance for that target, and `null` while the sentence is not confirmed. ' +
    "`gold` is `null` where nobody adjudicated the sentence. `majority` is the value more than half of the annotators who gave one agree on (at least two), for single-choice dimensions.\n\n" +
    "## Suggestions\n\n" +
    "`suggestions` lists what the suggestion providers (Slant's built-in rules, a lab's model, a chat model) proposed for the sentence: `provider`, `rule`, `dimension`, `target`, `value`, `confidence` and `evidence` (quote and cue spans, code points relative to the sentence). " +
    "They are the machine's proposals, never anyone's labels: `annotations`, `gold` and `majority` hold only what people said. " +
    suggestionsShownText(ctx) +
    labelSection(ctx) +
    `## Annotators\n\n${ctx.annotators.length} annotator${ctx.annotators.length === 1 ? "" : "s"}, pseudonymised as \`annotator_1\`, \`annotator_2\`… in the order of their first label (stable within this export only). Labels collected ${dates}.\n\n` +
    agreementSection(agreement, agreementUnavailable, PACKAGE_FILES.agreement) +
    `## Licence\n\n\`${license}\`, chosen by the project manager at export.\n`;
  return yaml + body;
}
