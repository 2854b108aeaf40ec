/**
 * `labelSchemaSchema`: the validated label-schema document, with cross-field rules.
 *
 * Error messages name the path, e.g.
 *   `dimensions[1].values[2].id: duplicate value id "neutral" in dimension "stance"`.
 */
import { z } from "zod";
import { dimensionSchema } from "./types";

export const labelSchemaSchema = z
  .object({
    version: z.literal(1),
    name: z.string().trim().min(1, "must not be empty").max(200),
    dimensions: z.array(dimensionSchema).min(1, "must have at least one dimension").max(50),
  })
  .superRefine((schema, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

    const byId = new Map<string, (typeof schema.dimensions)[number]>();
    schema.dimensions.forEach((dim, i) => {
      if (byId.has(dim.id)) {
        issue(["dimensions", i, "id"], `duplicate dimension id "${dim.id}"`);
      } else {
        byId.set(dim.id, dim);
      }
      if ("values" in dim) {
        const seenIds = new Set<string>();
        const seenKeys = new Map<string, string>();
        dim.values.forEach((v, j) => {
          if (seenIds.has(v.id)) {
            issue(["dimensions", i, "values", j, "id"], `duplicate value id "${v.id}" in dimension "${dim.id}"`);
          }
          seenIds.add(v.id);
          if (v.key !== undefined) {
            const k = v.key.toLowerCase();
            const other = seenKeys.get(k);
            if (other !== undefined) {
              issue(
                ["dimensions", i, "values", j, "key"],
                `key "${v.key}" of value "${v.id}" is already used by value "${other}" in dimension "${dim.id}"`,
              );
            } else {
              seenKeys.set(k, v.id);
            }
          }
        });
      }
      if ((dim.kind === "per_target" || dim.kind === "flag") && dim.required !== "never") {
        issue(
          ["dimensions", i, "required"],
          dim.kind === "per_target"
            ? `per_target dimension "${dim.id}" cannot be required (an empty value for a target means none); use "never"`
            : `flag dimension "${dim.id}" cannot be required (unset means false); use "never"`,
        );
      }
    });

    schema.dimensions.forEach((dim, i) => {
      if (typeof dim.required !== "object") return;
      const { dimension, in: inValues } = dim.required.when;
      const path = ["dimensions", i, "required", "when"];
      if (dimension === dim.id) {
        issue([...path, "dimension"], `dimension "${dim.id}" cannot depend on itself`);
        return;
      }
      const ref = byId.get(dimension);
      if (!ref) {
        issue([...path, "dimension"], `refers to unknown dimension "${dimension}"`);
        return;
      }
      if (ref.kind !== "single") {
        issue(
          [...path, "dimension"],
          `refers to dimension "${dimension}" of kind "${ref.kind}"; only "single" dimensions can be used in when`,
        );
        return;
      }
      const known = new Set(ref.values.map((v) => v.id));
      inValues.forEach((v, j) => {
        if (!known.has(v)) {
          issue([...path, "in", j], `value "${v}" is not one of ${ref.values.map((x) => x.id).join(", ")} (dimension "${dimension}")`);
        }
      });
    });
  });

export type LabelSchema = z.infer<typeof labelSchemaSchema>;
/** `dimensions[1].values[0].id` */
function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** One message per issue, each prefixed with its path (or "schema" at the root). */
function formatSchemaIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${formatPath(i.path) || "schema"}: ${i.message}`);
}

export type ParseLabelSchemaResult = { ok: true; schema: LabelSchema } | { ok: false; errors: string[] };

/** Parse a stored or uploaded label-schema document. Never throws. */
export function parseLabelSchema(input: unknown): ParseLabelSchemaResult {
  const r = labelSchemaSchema.safeParse(input);
  return r.success ? { ok: true, schema: r.data } : { ok: false, errors: formatSchemaIssues(r.error) };
}
