/**
 * The dataset package: a .zip with every data format, the label schema, the guidelines, an
 * agreement summary and a Hugging Face dataset card. Each data file is one pass over the
 * document batches (the caller's `batches()` reads the database again, a page at a time).
 */
import { createAgreementAccumulator, type AgreementSummary } from "./agreement";
import { datasetCard, PACKAGE_FILES, type CardStats, type DatasetLicense } from "./card";
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
   * The project's agreement figures from the agreement service (pseudonymised by the caller), for
   * agreement.json's `project`; `exported_labels` is always the summary computed here from the
   * exported labels (the card shows that one, since it matches the filters).
   */
  agreement?: () => Promise<unknown>;
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
  const agreement = createAgreementAccumulator(ctx);
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
    agreement.add(r);
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
  let summary: AgreementSummary | undefined;
  const own = () => (summary ??= agreement.summary());
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
        let project: unknown = null;
        let reason: string | undefined;
        if (input.agreement) {
          try {
            project = (await input.agreement()) ?? null;
          } catch (e) {
            reason = e instanceof Error ? e.message : String(e);
          }
        }
        if (project === null) reason ??= "no project-wide agreement figures are available to this export";
        const body = { project, ...(reason ? { project_unavailable: reason } : {}), exported_labels: own() };
        yield `${JSON.stringify(body, null, 2)}\n`;
      },
    },
    {
      name: PACKAGE_FILES.card,
      content: () => {
        stats.languages = [...languages];
        return [datasetCard(ctx, stats, input.license, own())];
      },
    },
  ];
  return zipStream(entries, { mtime: new Date(input.exportedAt) });
}
