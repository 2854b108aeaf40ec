import { describe, expect, it } from "vitest";
import { buildAgreementVariables } from "./variables";
import { krippendorffAlpha } from "./krippendorff";
import { newsStanceSourcingTemplate } from "@/lib/schema/templates";
import { NO_LEDGER, sourceNameKey, sourceResolver } from "@/lib/sources/names";

// Two annotators name the source of four sentences; they write the same people differently in two.
const names: [string, string][] = [
  ["Aliyev", "Ilham Aliyev"],
  ["Pashinyan", "Nikol Pashinyan"],
  ["Aliyev", "aliyev"],
  ["Pashinyan", "Pashinyan"],
];
const sentences = names.map((_, i) => ({ id: `s${i}`, documentId: "d", start: 0, end: 1, confirmedBy: ["u1", "u2"] }));
const labels = names.flatMap(([a, b], i) =>
  (
    [
      ["u1", a],
      ["u2", b],
    ] as const
  ).map(([userId, value]) => ({ segmentId: `s${i}`, userId, dimension: "source_name", target: "", value })),
);
const ledger = sourceResolver(
  [
    { id: "aliyev", name: "Ilham Aliyev", type: null, side: null },
    { id: "pashinyan", name: "Nikol Pashinyan", type: null, side: null },
  ],
  [
    ...["Aliyev", "Ilham Aliyev"].map((n) => ({ key: sourceNameKey(n), sourceId: "aliyev" })),
    ...["Pashinyan", "Nikol Pashinyan"].map((n) => ({ key: sourceNameKey(n), sourceId: "pashinyan" })),
  ],
);

const variable = (identity: (n: string) => string) =>
  buildAgreementVariables(newsStanceSourcingTemplate(), [], sentences, labels, new Map(), { dimension: "source_name", identity }).find(
    (v) => v.key === "source_name",
  )!;

describe("agreement on source identity", () => {
  it("compares names by the ledger entry they resolve to", () => {
    const v = variable(ledger.identity);
    expect(v.kind).toBe("source_name");
    expect(v.units.map((u) => [...u.values.values()])).toEqual([
      ["source:aliyev", "source:aliyev"],
      ["source:pashinyan", "source:pashinyan"],
      ["source:aliyev", "source:aliyev"],
      ["source:pashinyan", "source:pashinyan"],
    ]);
    expect(krippendorffAlpha(v.units, { level: "nominal", order: v.order }).alpha).toBe(1);
  });

  it("without the ledger, different names of one person disagree (spelling and case alone do not)", () => {
    const v = variable(NO_LEDGER.identity);
    // Units 0 and 1 disagree, 2 (Aliyev/aliyev) and 3 agree. Do = 4 disagreeing ordered pairs / 8 values = 0.5;
    // categories aliyev 3, ilham aliyev 1, pashinyan 3, nikol pashinyan 1: De = (64 − 20) / 56; alpha = 1 − 0.5 / (44/56) = 4/11.
    expect(krippendorffAlpha(v.units, { level: "nominal", order: v.order }).alpha).toBeCloseTo(4 / 11, 10);
    expect(v.units[2]!.values.get("u1")).toBe(v.units[2]!.values.get("u2"));
  });

  it("has no source-name variable unless asked for one", () => {
    expect(
      buildAgreementVariables(newsStanceSourcingTemplate(), [], sentences, labels, new Map()).some((v) => v.key === "source_name"),
    ).toBe(false);
  });
});
