/**
 * The reports' files in the dataset package (reports/…): the figures of the Sourcing reports
 * pages, as their downloads write them (csv.ts and the API's JSON), for the whole project.
 */
import type { SourcingDimensions } from "@/lib/schema/roles";
import type { GroupReport } from "./aggregate";
import type { ArticleReport, ReportLabels } from "./article";
import type { labelPolicyJson } from "./basis";
import type { StoryComparison } from "./compare";
import { comparisonRowsCsv, groupRowsCsv, SOURCE_COLUMNS, sourceRows } from "./csv";
import { csvRow } from "@/lib/formats/csv-write";

export interface ProjectReports {
  labelPolicy: ReturnType<typeof labelPolicyJson>;
  dimensions: SourcingDimensions;
  labels: ReportLabels;
  /** In publication order, then project order. */
  articles: readonly ArticleReport[];
  outlets: readonly GroupReport[];
  stories: readonly GroupReport[];
  comparisons: readonly StoryComparison[];
}

export const REPORT_FILES = {
  readme: "reports/README.md",
  articlesCsv: "reports/articles.csv",
  articlesJsonl: "reports/articles.jsonl",
  outletsCsv: "reports/outlets.csv",
  outletsJson: "reports/outlets.json",
  storiesCsv: "reports/stories.csv",
  storiesJson: "reports/stories.json",
  comparisonsCsv: "reports/comparisons.csv",
  comparisonsJson: "reports/comparisons.json",
} as const;

/** reports/README.md: what the files hold, or why there are none. */
export function reportsReadme(unavailable: string | null): string {
  const head =
    "# Sourcing reports\n\n" +
    "The figures of Slant's Sourcing reports pages (who is quoted, from which side, stance per target), computed by the same code for the whole project: " +
    "every document and every annotator's labels, whatever filters the rest of this export used.\n\n";
  if (unavailable) return `${head}Not included: ${unavailable}.\n`;
  return (
    `${head}Which labels count, per sentence and label: the gold label where a reviewer adjudicated it, else the majority of the annotators who confirmed the sentence (two or more, one value ahead), else the label of the only annotator who confirmed it; anything else is unresolved and left out. Each figure's \`labels\` (CSV) or \`basis\` (JSON) says how many of its labels came from each.\n\n` +
    `- \`${REPORT_FILES.articlesCsv}\`: one row per article × source; \`${REPORT_FILES.articlesJsonl}\`: one article report per line (every figure).\n` +
    `- \`${REPORT_FILES.outletsCsv}\` / \`${REPORT_FILES.storiesCsv}\`: one row per outlet / story (an empty key: documents without one); the JSON files have every figure.\n` +
    `- \`${REPORT_FILES.comparisonsCsv}\`: one row per story × outlet, with its first quoted source and the candidate omissions (named sources other outlets of the story quote and it does not); \`${REPORT_FILES.comparisonsJson}\` has every figure.\n`
  );
}

const json = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

/** The package's report files, each written when its turn comes. */
export function reportFiles(r: ProjectReports): { name: string; content: () => Iterable<string> }[] {
  const { labelPolicy, dimensions } = r;
  return [
    { name: REPORT_FILES.readme, content: () => [reportsReadme(null)] },
    { name: REPORT_FILES.articlesCsv, content: () => [csvRow(SOURCE_COLUMNS), ...sourceRows(r.articles)] },
    { name: REPORT_FILES.articlesJsonl, content: () => r.articles.map((a) => `${JSON.stringify(a)}\n`) },
    { name: REPORT_FILES.outletsCsv, content: () => [groupRowsCsv(r.outlets, r.labels, "outlet")] },
    { name: REPORT_FILES.outletsJson, content: () => [json({ labelPolicy, dimensions, by: "outlet", groups: r.outlets })] },
    { name: REPORT_FILES.storiesCsv, content: () => [groupRowsCsv(r.stories, r.labels, "story")] },
    { name: REPORT_FILES.storiesJson, content: () => [json({ labelPolicy, dimensions, by: "story", groups: r.stories })] },
    { name: REPORT_FILES.comparisonsCsv, content: () => [comparisonRowsCsv(r.comparisons, r.labels)] },
    { name: REPORT_FILES.comparisonsJson, content: () => [json({ labelPolicy, dimensions, comparisons: r.comparisons })] },
  ];
}
