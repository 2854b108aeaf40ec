/**
 * A minimal agreement summary for the dataset package, computed from the exported records with
 * lib/agreement's agreementReport (nominal level), one entry per single-choice dimension:
 * per-target dimensions pool their targets (one unit per sentence × target, a confirmed "none"
 * counts as a value), single, target-choice and flag dimensions have one unit per sentence.
 * Multi-value, span and text dimensions are not summarised here.
 *
 * Memory grows with the labels exported (one small entry per label): fine for a package, which
 * is the one export that needs every label before it can say anything about agreement.
 */
import { agreementReport } from "@/lib/agreement/report";
import type { Unit } from "@/lib/agreement/types";
import type { Dimension } from "@/lib/schema/types";
import type { ExportContext, SentenceRecord } from "./types";

export interface DimensionAgreement {
  dimension: string;
  kind: Dimension["kind"];
  /** units with at least one value / with two or more */
  units: number;
  pairable_units: number;
  annotators: number;
  krippendorff_alpha: number | null;
  fleiss_kappa: number | null;
  percent_agreement: number | null;
  note?: string;
}

export interface AgreementSummary {
  method: string;
  dimensions: DimensionAgreement[];
}

const SUMMARISED = new Set<Dimension["kind"]>(["per_target", "single", "target_choice", "flag"]);
const round = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

export function createAgreementAccumulator(ctx: ExportContext) {
  const dims = ctx.schema.dimensions.filter((d) => SUMMARISED.has(d.kind));
  const units = new Map<string, Map<string, Map<string, string>>>(dims.map((d) => [d.id, new Map()]));
  const put = (dim: string, unit: string, coder: string, value: string) => {
    const m = units.get(dim)!;
    let u = m.get(unit);
    if (!u) m.set(unit, (u = new Map()));
    u.set(coder, value);
  };
  return {
    add(r: SentenceRecord) {
      const unit = `${r.document.id}:${r.sentence_index}`;
      for (const e of r.annotations) {
        for (const dim of dims) {
          const v = e.labels[dim.id];
          if (v === null || v === undefined) continue;
          if (dim.kind === "per_target") {
            for (const [t, tv] of Object.entries(v as Record<string, string | null>))
              if (tv !== null) put(dim.id, `${unit}:${t}`, e.annotator, tv);
          } else {
            put(dim.id, unit, e.annotator, String(v));
          }
        }
      }
    },
    summary(): AgreementSummary {
      return {
        method:
          "Krippendorff's alpha (nominal), Fleiss' kappa and percent agreement from lib/agreement, computed at export time over the exported labels",
        dimensions: dims.map((dim) => {
          const list: Unit<string>[] = [...units.get(dim.id)!].map(([id, values]) => ({ id, values }));
          const r = agreementReport(list, { level: "nominal" });
          return {
            dimension: dim.id,
            kind: dim.kind,
            units: r.units,
            pairable_units: r.pairableUnits,
            annotators: r.coders.length,
            krippendorff_alpha: round(r.alpha.alpha),
            fleiss_kappa: round(r.fleiss.kappa),
            percent_agreement: round(r.percentAgreement.agreement),
            ...(r.alpha.reasonUndefined ? { note: r.alpha.reasonUndefined } : {}),
          };
        }),
      };
    },
  };
}
