/**
 * The dimensions a sourcing report needs, found by the role they play in a project's schema
 * rather than by a fixed list: schemas are configurable, so a project may rename a dimension,
 * drop one, or have a schema with no sourcing at all (Sentence bias). Each role is recognised by
 * its kind and, where the kind is ambiguous, by its values or its place in the schema:
 *
 *   sourcing         a `single` dimension with the values direct_quote and paraphrased_attribution
 *                    (unattributed_claim, when present, marks claims nobody is said to make)
 *   source_name      a `text` dimension with id source_name, else the only text dimension that suggests names
 *   source_type      a `single` dimension other than sourcing with id source_type, else the only one
 *                    required when sourcing names a source
 *   source_side      a `target_choice` dimension: id source_side, else the only one
 *   stance           a `per_target` dimension with the values favorable and unfavorable: id stance, else the only one
 *   loaded_language  a `span` dimension with the value loaded_language: id spans, else the only one
 *
 * Where several dimensions fit and none has the role's usual id, the role is missing with a reason
 * that names them, and reports say so instead of guessing.
 */
import type { LabelSchema } from "./schema";
import type { Dimension } from "./types";

export const SOURCING_ROLES = ["sourcing", "source_name", "source_type", "source_side", "stance", "loaded_language"] as const;
export type SourcingRole = (typeof SOURCING_ROLES)[number];

export const ROLE_LABELS: Record<SourcingRole, string> = {
  sourcing: "Sourcing (direct quote / paraphrase / unattributed)",
  source_name: "Source name",
  source_type: "Source type",
  source_side: "Source side",
  stance: "Stance per target",
  loaded_language: "Loaded-language spans",
};

export interface SourcingDimensions {
  /** Value ids of the sourcing dimension by what they mean; `unattributed` is null when the schema has no such value. */
  sourcing: { dimension: string; direct: string; paraphrased: string; unattributed: string | null } | null;
  sourceName: { dimension: string } | null;
  sourceType: { dimension: string } | null;
  sourceSide: { dimension: string } | null;
  stance: { dimension: string; favorable: string; unfavorable: string } | null;
  loadedLanguage: { dimension: string; value: string } | null;
  /** Roles the schema does not fill, with why. */
  missing: { role: SourcingRole; reason: string }[];
}

const hasValues = (d: Dimension, ids: string[]) => "values" in d && ids.every((id) => d.values.some((v) => v.id === id));

/** The one dimension playing `role` among `candidates`: the one with the usual id, else the only candidate. */
function pick(role: SourcingRole, candidates: Dimension[], usualId: string, missing: SourcingDimensions["missing"]): Dimension | null {
  const usual = candidates.find((d) => d.id === usualId);
  if (usual) return usual;
  if (candidates.length === 1) return candidates[0]!;
  missing.push({
    role,
    reason: candidates.length
      ? `${candidates.length} dimensions could be the ${ROLE_LABELS[role].toLowerCase()} (${candidates.map((d) => d.id).join(", ")}) and none has the id ${usualId}`
      : `the label schema has no ${ROLE_LABELS[role].toLowerCase()} dimension`,
  });
  return null;
}

export function sourcingDimensions(schema: LabelSchema): SourcingDimensions {
  const missing: SourcingDimensions["missing"] = [];
  const dims = schema.dimensions;
  const sourcingDim = pick(
    "sourcing",
    dims.filter((d) => d.kind === "single" && hasValues(d, ["direct_quote", "paraphrased_attribution"])),
    "sourcing",
    missing,
  );
  const nameDim = pick(
    "source_name",
    dims.filter((d) => d.kind === "text" && (d.id === "source_name" || d.suggest === true)),
    "source_name",
    missing,
  );
  const dependsOnSourcing = (d: Dimension) => typeof d.required === "object" && d.required.when.dimension === sourcingDim?.id;
  const typeDim = pick(
    "source_type",
    dims.filter((d) => d.kind === "single" && d !== sourcingDim && (d.id === "source_type" || dependsOnSourcing(d))),
    "source_type",
    missing,
  );
  const sideDim = pick(
    "source_side",
    dims.filter((d) => d.kind === "target_choice"),
    "source_side",
    missing,
  );
  const stanceDim = pick(
    "stance",
    dims.filter((d) => d.kind === "per_target" && hasValues(d, ["favorable", "unfavorable"])),
    "stance",
    missing,
  );
  const loadedDim = pick(
    "loaded_language",
    dims.filter((d) => d.kind === "span" && hasValues(d, ["loaded_language"])),
    "spans",
    missing,
  );
  return {
    sourcing: sourcingDim && {
      dimension: sourcingDim.id,
      direct: "direct_quote",
      paraphrased: "paraphrased_attribution",
      unattributed: hasValues(sourcingDim, ["unattributed_claim"]) ? "unattributed_claim" : null,
    },
    sourceName: nameDim && { dimension: nameDim.id },
    sourceType: typeDim && { dimension: typeDim.id },
    sourceSide: sideDim && { dimension: sideDim.id },
    stance: stanceDim && { dimension: stanceDim.id, favorable: "favorable", unfavorable: "unfavorable" },
    loadedLanguage: loadedDim && { dimension: loadedDim.id, value: "loaded_language" },
    missing,
  };
}
