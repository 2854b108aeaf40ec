/**
 * Outlet aliases: one outlet known by several names ("TRT World", "TRTWorld"). A project keeps a
 * table alias → outlet; reports group a document under its outlet's name, and outlet-blind masking
 * hides every name of a document's outlet. Names compare case-insensitively with whitespace runs
 * as one space (`outletKey`).
 */
import type { MaskTerm } from "./mask";

export interface OutletAlias {
  outlet: string;
  alias: string;
}

/** The form two names of an outlet are compared in. */
export const outletKey = (name: string) => name.normalize("NFC").trim().replace(/\s+/gu, " ").toLocaleLowerCase("en");

export const OUTLET_PLACEHOLDER = "[outlet]";
export const AUTHOR_PLACEHOLDER = "[author]";

/** Resolves document outlets to the outlet they are an alias of (the name itself when none). */
export class OutletNames {
  private readonly byKey = new Map<string, string>();
  private readonly names = new Map<string, string[]>();

  constructor(aliases: readonly OutletAlias[]) {
    for (const a of aliases) {
      this.byKey.set(outletKey(a.alias), a.outlet);
      const key = outletKey(a.outlet);
      this.names.set(key, [...(this.names.get(key) ?? []), a.alias]);
    }
  }

  /** The outlet a document's outlet field names (null stays null). */
  resolve(outlet: string | null): string | null {
    if (outlet === null) return null;
    return this.byKey.get(outletKey(outlet)) ?? outlet;
  }

  /** Every name of the outlet a document's outlet field names: the field, the outlet and its aliases. */
  namesOf(outlet: string | null): string[] {
    if (outlet === null || !outlet.trim()) return [];
    const canonical = this.resolve(outlet)!;
    return [...new Set([outlet, canonical, ...(this.names.get(outletKey(canonical)) ?? [])])];
  }

  /**
   * What outlet-blind masking hides in a document: its outlet's names, and its author's name (as
   * given, and each person of "A, B and C").
   */
  maskTerms(doc: { outlet: string | null; author: string | null }): MaskTerm[] {
    const authors = doc.author ? [doc.author, ...doc.author.split(/,|;|&|\band\b/u)] : [];
    return [
      ...this.namesOf(doc.outlet).map((text) => ({ text, placeholder: OUTLET_PLACEHOLDER })),
      ...authors.filter((a) => a.trim().length > 1).map((text) => ({ text, placeholder: AUTHOR_PLACEHOLDER })),
    ];
  }
}
