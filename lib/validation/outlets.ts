import { z } from "zod";
import { outletKey } from "@/lib/outlets/aliases";

const name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, { message: `${what} is empty` })
    .max(200, { message: `${what} must be at most 200 characters` });

/**
 * The project's whole outlet alias table: per outlet, its other names. A name is the alias of one
 * outlet only, and an outlet is not another outlet's alias (no chains). Names compare as outletKey does.
 */
export const outletAliasesInput = z
  .object({
    outlets: z
      .array(
        z.object({
          outlet: name("An outlet's name"),
          aliases: z.array(name("An alias")).max(50, { message: "At most 50 aliases per outlet" }),
        }),
      )
      .max(2000, { message: "At most 2,000 outlets" }),
  })
  .superRefine((v, ctx) => {
    // Rows without aliases say nothing: an outlet the documents name may become another's alias.
    const outlets = new Set(v.outlets.filter((o) => o.aliases.length).map((o) => outletKey(o.outlet)));
    const seen = new Map<string, string>();
    v.outlets.forEach((o, i) => {
      o.aliases.forEach((alias, j) => {
        const key = outletKey(alias);
        const path = ["outlets", i, "aliases", j];
        if (key === outletKey(o.outlet))
          ctx.addIssue({ code: "custom", path, message: `"${alias}" is the outlet's own name, not an alias` });
        else if (outlets.has(key))
          ctx.addIssue({
            code: "custom",
            path,
            message: `"${alias}" is an outlet of its own; remove its aliases first, then add it to "${o.outlet}"`,
          });
        else if (seen.has(key)) ctx.addIssue({ code: "custom", path, message: `"${alias}" is already an alias of "${seen.get(key)}"` });
        else seen.set(key, o.outlet);
      });
    });
  });
export type OutletAliasesInput = z.input<typeof outletAliasesInput>;

/** "TRTWorld, TRT" as the list of names (commas or new lines between them; blanks dropped). */
export const aliasList = (text: string) =>
  text
    .split(/[,\n]/u)
    .map((s) => s.trim())
    .filter(Boolean);
