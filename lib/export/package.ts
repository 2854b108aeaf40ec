/**
 * The dataset package: a .zip with every data format, the label schema, the guidelines, an
 * agreement summary and a Hugging Face dataset card. Each data file is one pass over the
 * document batches (the caller's `batches()` reads the database again, a page at a time).
 */
import { ACCEPTANCE_DEFINITIONS, type AcceptanceRates } from "@/lib/suggest/acceptance";
import { REPORT_FILES, reportFiles, reportsReadme, type ProjectReports } from "@/lib/reports/files";
import { LEDGER_FILES, ledgerJson, ledgerNamesCsv, type LedgerData } from "@/lib/sources/ledger-files";
import { agreementJson, type ProjectAgreementFigures } from "./agreement";
import type { LabelAggregation } from "./aggregation";
import { aggregatedLines, annotatorsJson } from "./aggregation-files";
import { AGGREGATION_UNAVAILABLE, datasetCard, PACKAGE_FILES, type CardStats, type DatasetLicense } from "./card";
import { csvLongWriter, csvWideWriter } from "./csv";
import { doccanoWriter, labelStudioWriter } from "./interchange";
import type { DocumentBatch, ExportContext, SentenceRecord } from "./types";
import { jsonlWriter, writeText, type TextWriter } from "./writer";
import { zipStream, type ZipEntrySource } from "./zip";

export interface PackageInput {
  ctx: ExportContext;
  /** A fresh pass over the document batches; called once per data file. */
  batches: () => AsyncIterable<DocumentBatch>;
  license: DatasetLicense;
  /** ISO 8601 UTC */
  exportedAt: string;
  /**
   * The project's agreement figures from the agreement service (server/agreement.ts, as on the
   * Agreement page and in the API), pseudonymised by the caller; null when the exporter may not
   * see them. agreement.json and the card carry them as they are.
   */
  agreement?: () => Promise<ProjectAgreementFigures | null>;
  /**
   * How the machine's suggestions were accepted (server/suggestions/acceptance.ts, as on the
   * Suggestions page); it throws for members who may not see it, and the file says why.
   */
  suggestionAcceptance?: () => Promise<AcceptanceRates>;
  /**
   * MACE and Dawid–Skene labels of the exported sentences (server/export.ts labelAggregation), one
   * more pass over the batches; null when the exporter may not see them (then aggregated.jsonl is
   * empty and annotators.json says why).
   */
  aggregation?: () => Promise<LabelAggregation | null>;
  /**
   * Every sourcing report of the project (server/reports/groups.ts, as on the Sourcing reports
   * pages), for reports/; it throws for members who may not read them, and reports/README.md says why.
   */
  reports?: () => Promise<ProjectReports>;
  /**
   * The project's source ledger (server/sources/ledger.ts, as on the Sources page), for sources/;
   * it throws for members who may not read it, and sources/ledger.json says why.
   */
  ledger?: () => Promise<LedgerData>;
  onProgress?: (file: string, sentences: number) => void;
}

/** One record per document that has exported sentences: its metadata and full text. */
function documentsWriter(): TextWriter {
  return {
    document(doc, records, emit) {
      if (!records.length) return;
      const { id, externalId, title, outlet, story, url, author, publishedAt, language, text } = doc;
      emit(
        `${JSON.stringify({ id, external_id: externalId, title, outlet, story, url, author, published_at: publishedAt, language, text })}\n`,
      );
    },
  };
}

export function packageStream(input: PackageInput): AsyncGenerator<Uint8Array> {
  const { ctx } = input;
  const stats: CardStats = {
    documents: 0,
    sentences: 0,
    languages: [],
    firstLabelAt: null,
    lastLabelAt: null,
    exportedAt: input.exportedAt,
  };
  const languages = new Set<string>();
  let lastDoc = "";
  const observe = (r: SentenceRecord) => {
    stats.sentences++;
    if (r.document.id !== lastDoc) {
      lastDoc = r.document.id;
      stats.documents++;
      languages.add(r.document.language);
    }
    for (const e of r.annotations) {
      if (!stats.firstLabelAt || e.updated_at < stats.firstLabelAt) stats.firstLabelAt = e.updated_at;
      if (!stats.lastLabelAt || e.updated_at > stats.lastLabelAt) stats.lastLabelAt = e.updated_at;
    }
  };
  const data = (name: string, writer: TextWriter, onRecord?: (r: SentenceRecord) => void): ZipEntrySource => ({
    name,
    content: () => writeText(ctx, writer, input.batches(), { onRecord, onProgress: (n) => input.onProgress?.(name, n) }),
  });
  // Asked once, for agreement.json and the card.
  let figures: Promise<{ figures: ProjectAgreementFigures | null; unavailable: string | null }> | undefined;
  const agreement = () =>
    (figures ??= (async () => {
      try {
        const f = (await input.agreement?.()) ?? null;
        return { figures: f, unavailable: f ? null : "agreement figures are shown to the project's managers and reviewers only" };
      } catch (e) {
        return { figures: null, unavailable: e instanceof Error ? e.message : String(e) };
      }
    })());
  let aggregated: Promise<LabelAggregation | null> | undefined;
  const aggregation = () => (aggregated ??= input.aggregation?.() ?? Promise.resolve(null));
  const entries: ZipEntrySource[] = [
    data(PACKAGE_FILES.sentences, jsonlWriter(), observe),
    data(PACKAGE_FILES.documents, documentsWriter()),
    data(PACKAGE_FILES.long, csvLongWriter(ctx)),
    data(PACKAGE_FILES.wide, csvWideWriter(ctx)),
    data(PACKAGE_FILES.doccano, doccanoWriter(ctx)),
    data(PACKAGE_FILES.labelStudio, labelStudioWriter(ctx)),
    { name: PACKAGE_FILES.schema, content: () => [`${JSON.stringify({ schema: ctx.schema, targets: ctx.targets }, null, 2)}\n`] },
    {
      name: PACKAGE_FILES.guidelines,
      content: () => [
        ctx.project.guidelines.trim()
          ? `${ctx.project.guidelines.trim()}\n`
          : `# ${ctx.project.name}\n\nNo guidelines were written for this project.\n`,
      ],
    },
    {
      name: PACKAGE_FILES.agreement,
      content: async function* () {
        const a = await agreement();
        yield agreementJson(a.figures, a.unavailable);
      },
    },
    {
      name: PACKAGE_FILES.suggestionAcceptance,
      content: async function* () {
        let body: object;
        try {
          body = input.suggestionAcceptance
            ? { definitions: ACCEPTANCE_DEFINITIONS, ...(await input.suggestionAcceptance()) }
            : { unavailable: "not computed for this export" };
        } catch (e) {
          body = { unavailable: e instanceof Error ? e.message : String(e) };
        }
        yield `${JSON.stringify(body, null, 2)}\n`;
      },
    },
    {
      name: PACKAGE_FILES.aggregated,
      content: async function* () {
        const agg = await aggregation();
        if (agg) yield* aggregatedLines(agg);
      },
    },
    {
      name: PACKAGE_FILES.annotators,
      content: async function* () {
        yield annotatorsJson(await aggregation(), input.aggregation ? AGGREGATION_UNAVAILABLE : "not computed for this export");
      },
    },
    {
      name: PACKAGE_FILES.card,
      content: async function* () {
        stats.languages = [...languages];
        const a = await agreement();
        yield datasetCard(ctx, stats, input.license, a.figures, a.unavailable);
      },
    },
  ];
  /** The value, or why the exporter gets none (the file that would hold it says so). */
  async function optional<T>(read: (() => Promise<T>) | undefined): Promise<{ value: T } | { unavailable: string }> {
    try {
      if (!read) throw new Error("not computed for this export");
      return { value: await read() };
    } catch (e) {
      return { unavailable: e instanceof Error ? e.message : String(e) };
    }
  }
  async function* allEntries(): AsyncGenerator<ZipEntrySource> {
    yield* entries;
    const reports = await optional(input.reports);
    if ("value" in reports) yield* reportFiles(reports.value);
    else yield { name: REPORT_FILES.readme, content: () => [reportsReadme(reports.unavailable)] };
    const ledger = await optional(input.ledger);
    if ("value" in ledger) {
      yield { name: LEDGER_FILES.json, content: () => [ledgerJson(ledger.value, null)] };
      yield { name: LEDGER_FILES.namesCsv, content: () => ledgerNamesCsv(ledger.value) };
    } else yield { name: LEDGER_FILES.json, content: () => [ledgerJson(null, ledger.unavailable)] };
  }
  return zipStream(allEntries(), { mtime: new Date(input.exportedAt) });
}
