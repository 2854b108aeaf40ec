/**
 * The dataset card (README.md of the dataset package) in Hugging Face's format: a YAML header
 * (license, language, task_categories, configs with data_files, dataset_info features), then the
 * description, the label definitions from the schema, annotators, collection dates and agreement.
 */
import { LEDGER_FILES } from "@/lib/sources/ledger-files";
import type { Dimension } from "@/lib/schema/types";
import { agreementSection, type ProjectAgreementFigures } from "./agreement";
import { AGGREGATION_SETTINGS } from "./aggregation";
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
  aggregated: "aggregated.jsonl",
  annotators: "annotators.json",
  card: "README.md",
  reports: "reports/",
} as const;

/** Why an export has no model-based labels (annotators.json says it, and the card). */
export const AGGREGATION_UNAVAILABLE =
  "model-based labels and competences are left out for an annotator of a blind project, who sees no one else's labels";

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
    int("time_ms"),
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

/** aggregated.jsonl and annotators.json (./aggregation.ts): what each model is, its settings, ties, and what the figures are not. */
function aggregationSection(ctx: ExportContext): string {
  const { aggregated, annotators } = PACKAGE_FILES;
  const head = "## Model-based labels (MACE, Dawid–Skene) and annotator competence\n\n";
  if (!ctx.includeGold) return `${head}\`${aggregated}\` is empty and \`${annotators}\` says why: ${AGGREGATION_UNAVAILABLE}.\n\n`;
  const m = AGGREGATION_SETTINGS.mace;
  const ds = AGGREGATION_SETTINGS.dawidSkene;
  return (
    head +
    `\`${aggregated}\` has one line per sentence × dimension × target that at least one annotator gave a value, for the single-choice dimensions (per target, single, target choice, flag): ` +
    "`document_id` and `sentence_index` (as in the sentence records), `dimension`, `target` (`null` for a dimension without targets), `ratings` (how many annotators gave a value), " +
    "`gold` (`null` where nobody decided it), `majority` (as in the sentence records), `mace_label` and `mace_posterior`, `dawid_skene_label` and `dawid_skene_posterior`. " +
    "A posterior gives each value of the dimension its probability (they sum to 1, rounded to six decimals): soft labels for training. " +
    'Both models see exactly the votes `majority` counts: each annotator\'s value in this export, `"none"` for a target a confirmation covered without a stance, `false` for an unset flag of a confirmed sentence; ' +
    "a target added after an annotator confirmed is not annotated by them and gives no vote. Each model is fitted per dimension and target over the sentences of this export (its filters apply).\n\n" +
    "- **MACE** (Hovy et al., NAACL 2013): each annotator either knows the true value (with probability ξ, their competence) and gives it, or guesses from a strategy of their own. " +
    `Fitted by variational-Bayes EM with a Beta(${m.alpha}, ${m.beta}) prior on competence, at most ${m.iterations} rounds per restart, ${m.restarts} random restarts from seed ${m.seed}; the restart with the highest likelihood is kept, so the same labels give the same figures.\n` +
    "- **Dawid–Skene** (1979): each annotator has a full confusion matrix (the probability of answering each value given each true value) and the values have prior probabilities; " +
    `fitted by EM from each sentence's share of votes until no probability moves by more than ${ds.tolerance} (at most ${ds.maxIterations} rounds). Maximum likelihood without smoothing: a value nobody gave keeps probability 0, and on few sentences posteriors are often exactly 0 or 1.\n\n` +
    "Ties and two annotators: `majority` is `null` on a tie and with fewer than two votes. Both models always give a posterior, also from a single vote (weighed by what the model learnt of that annotator elsewhere); " +
    "their label is the value with the highest posterior, the first in the order of the dimension's `classes` in `" +
    annotators +
    "` on an exact tie (two posteriors within a millionth of each other can print as equal, and the label is then either of them). When two annotators disagree, MACE follows the one with the higher competence and Dawid–Skene the one whose confusion matrix makes that answer more likely; two annotators the model cannot tell apart leave the sentence tied.\n\n" +
    `\`${annotators}\` holds the settings (\`models\`), per dimension and target the values (\`classes\`), sentences, votes, rounds run, log-likelihood and Dawid–Skene's value priors (\`dimensions\`), ` +
    "and per annotator, dimension and target (`annotators`, only where the annotator gave a value): `ratings`, `mace_competence` (ξ), `dawid_skene_accuracy` (the probability of answering correctly on a random sentence, Σ prior × diagonal) and `dawid_skene_diagonal` (per true value, the probability of giving it).\n\n" +
    "These are statistical estimates, not anyone's labels: no person gave a model label, and none is stored in the project. Competence is learnt from agreement with the others, not from a known truth: " +
    "an annotator who is right where the others are systematically wrong looks less competent, and an estimate from a few ratings is uncertain. " +
    'In pandas: `pd.read_json("aggregated.jsonl", lines=True)`, and `pd.json_normalize(json.load(open("annotators.json"))["annotators"])`.\n\n'
  );
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
    `- \`${PACKAGE_FILES.sentences}\` (config \`sentences\`): one record per sentence: \`format_version\` (${SLANT_FORMAT_VERSION}), project, document metadata, sentence index, start/end in the document, text, the whitespace around it, boilerplate flag and reason, the segment \`kind\`, \`annotations\` (one entry per annotator: \`annotator\`, \`confirmed\`, \`updated_at\`, \`time_ms\`, \`labels\`), \`gold\`, \`majority\`, \`suggestions\`.\n` +
    `- \`${PACKAGE_FILES.documents}\` (config \`documents\`): one record per document with its full text.\n` +
    `- \`${PACKAGE_FILES.long}\` (one row per sentence × annotator × dimension/target) and \`${PACKAGE_FILES.wide}\` (one row per sentence).\n` +
    `- \`${PACKAGE_FILES.doccano}\` (doccano span labels) and \`${PACKAGE_FILES.labelStudio}\` (Label Studio tasks).\n` +
    `- \`${PACKAGE_FILES.schema}\`, \`${PACKAGE_FILES.guidelines}\`, \`${PACKAGE_FILES.agreement}\`, \`${PACKAGE_FILES.suggestionAcceptance}\` (per rule and per dimension: how often annotators accepted the suggestions unchanged, overrode or rejected them).\n` +
    `- \`${PACKAGE_FILES.aggregated}\` and \`${PACKAGE_FILES.annotators}\`: the labels of two statistical models (MACE, Dawid–Skene) with their posteriors, and each annotator's estimated competence (below).\n` +
    `- \`${PACKAGE_FILES.reports}\`: the sourcing reports (per article, per outlet, per story, each story's outlets compared) as CSV and JSON; its README.md says which labels they count.\n` +
    `- \`${LEDGER_FILES.json}\` and \`${LEDGER_FILES.namesCsv}\`: the project's source ledger (reviewers and managers): each source's canonical name, type, side, attributes and the names (aliases) annotators wrote for it, and the typed names no entry knows yet. Source-name labels keep the text typed; join them to \`${LEDGER_FILES.namesCsv}\` by \`key\` (\`${LEDGER_FILES.json}\` gives the rule, in words and in Python).\n\n` +
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
    "`gold` is `null` where nobody adjudicated the sentence. `majority` is the value more than half of the annotators who gave one agree on (at least two), for single-choice dimensions. " +
    "For spans it is what Slant's Review screen shows: the words more than half of the annotators who confirmed the sentence marked with the same label, joined into spans; " +
    "`[]` when no word has such a majority, `null` on a tie (a word marked by exactly half of them: the reviewer decides).\n\n" +
    "## Time per sentence\n\n" +
    "`time_ms` (in each annotator entry; a `time_ms` column in the CSV files) is how long the annotator worked on the sentence in Slant's workspace, in milliseconds: " +
    "the time the sentence was the current one and not yet confirmed, summed over visits. Time with the page hidden does not count, and a gap of more than 60 s without a key, pointer or wheel event counts as 60 s (the annotator is taken to be away). " +
    "`null` where none was recorded: labels given through the API or an import, or a sentence visited only after it was confirmed.\n\n" +
    "## Suggestions\n\n" +
    "`suggestions` lists what the suggestion providers (Slant's built-in rules, a lab's model, a chat model) proposed for the sentence: `provider`, `rule`, `dimension`, `target`, `value`, `confidence` and `evidence` (quote and cue spans, code points relative to the sentence). " +
    "They are the machine's proposals, never anyone's labels: `annotations`, `gold` and `majority` hold only what people said. " +
    suggestionsShownText(ctx) +
    aggregationSection(ctx) +
    labelSection(ctx) +
    `## Annotators\n\n${ctx.annotators.length} annotator${ctx.annotators.length === 1 ? "" : "s"}, pseudonymised as \`annotator_1\`, \`annotator_2\`… in the order of their first label (stable within this export only). Labels collected ${dates}.\n\n` +
    agreementSection(agreement, agreementUnavailable, PACKAGE_FILES.agreement) +
    `## Licence\n\n\`${license}\`, chosen by the project manager at export.\n`;
  return yaml + body;
}
