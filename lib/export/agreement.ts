/**
 * The dataset package's agreement figures are the Agreement page's: the caller hands over what
 * the agreement service (server/agreement.ts, getProjectAgreement) computed, pseudonymised, and
 * the package writes it to agreement.json and summarises it in the card. Nothing is recomputed
 * here, so the package, the page and the API cannot disagree. The shape is declared structurally
 * (the fields the card reads) to keep lib/ free of server code.
 */

export interface AgreementFigure {
  /** null when undefined; `reason` says why */
  value: number | null;
  reason: string | null;
}

export interface VariableAgreement {
  key: string;
  label: string;
  unit: "sentence" | "token";
  /** units in the data, and those with 2 or more values */
  units: number;
  pairableUnits: number;
  coders: string[];
  alpha: AgreementFigure;
  fleiss: AgreementFigure & { unitsUsed: number; unitsExcluded: number; excludedReason: string };
  percentAgreement: AgreementFigure;
}

/** The agreement service's result, with annotators pseudonymised (more fields may follow; they go to agreement.json as they are). */
export interface ProjectAgreementFigures {
  /** sentences compared: not boilerplate, confirmed by 2 or more annotators */
  sentences: number;
  coders: string[];
  dimensions: VariableAgreement[];
}

/** What every figure is computed over, in the card and agreement.json. */
export const AGREEMENT_DEFINITION =
  "The figures of Slant's Agreement page, computed by the same service for the whole project whatever this export's filters: " +
  "sentences (not boilerplate) confirmed by two or more annotators; an annotator's labels count only on the sentences they confirmed, " +
  'and a stance toward a target left empty counts as "none" only where their confirmation covered that target. ' +
  "Krippendorff's alpha (nominal), Fleiss' kappa generalised to a varying number of ratings per unit (Gwet), percent agreement.";

/** agreement.json: the figures, or why there are none. */
export function agreementJson(figures: ProjectAgreementFigures | null, unavailable: string | null): string {
  const body = figures ? { definition: AGREEMENT_DEFINITION, ...figures } : { definition: AGREEMENT_DEFINITION, unavailable };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const num = (f: AgreementFigure) => (f.value === null ? `– (${f.reason ?? "undefined"})` : f.value.toFixed(3));
const pct = (f: AgreementFigure) => (f.value === null ? `– (${f.reason ?? "undefined"})` : `${(f.value * 100).toFixed(1)} %`);
const cell = (s: string) => s.replace(/\|/g, "\\|");

/** The card's agreement section: one row per variable, as on the Agreement page. */
export function agreementSection(figures: ProjectAgreementFigures | null, unavailable: string | null, file: string): string {
  if (!figures) return `## Agreement\n\nNo agreement figures in this export: ${unavailable ?? "not available"}.\n\n`;
  let out = `## Agreement\n\n${AGREEMENT_DEFINITION} ${figures.sentences} sentences compared, ${figures.coders.length} annotators. Full figures in \`${file}\`.\n\n`;
  if (!figures.sentences) return `${out}No sentence was confirmed by two or more annotators yet: every figure is undefined.\n\n`;
  out +=
    "| variable | unit | units (pairable / all) | annotators | Krippendorff's α | Fleiss' κ | κ units used (left out) | percent agreement |\n" +
    "| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const d of figures.dimensions) {
    const left = d.fleiss.unitsExcluded ? ` (${d.fleiss.unitsExcluded}: ${d.fleiss.excludedReason})` : " (0)";
    out += `| ${cell(d.label)} (\`${d.key}\`) | ${d.unit} | ${d.pairableUnits} / ${d.units} | ${d.coders.length} | ${cell(num(d.alpha))} | ${cell(num(d.fleiss))} | ${d.fleiss.unitsUsed}${cell(left)} | ${cell(pct(d.percentAgreement))} |\n`;
  }
  return `${out}\n`;
}
