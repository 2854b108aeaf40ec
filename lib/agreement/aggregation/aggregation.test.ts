import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countRatings, pluralityVote, type Rating, type RatingCounts } from "./counts";
import { dawidSkene } from "./dawid-skene";
import { digamma, mace } from "./mace";
import { simulateAnnotators } from "./simulate";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");

/**
 * MACE's CSV (one line per item, one column per annotator) as counts, classes in `order`;
 * `byColumn` reorders a per-annotator result into the file's column order.
 */
function readMaceCsv(csv: string, order: string[]) {
  const ratings: Rating<number, number>[] = [];
  csv
    .trimEnd()
    .split("\n")
    .forEach((line, item) =>
      line.split(",").forEach((v, annotator) => {
        if (v !== "") ratings.push({ item, annotator, value: v });
      }),
    );
  const { counts, annotators } = countRatings(ratings, order);
  const byColumn = (perAnnotator: Float64Array) => {
    const out = new Array<number>(Math.max(...annotators) + 1).fill(NaN);
    annotators.forEach((column, a) => (out[column] = perAnnotator[a]!));
    return out;
  };
  return { counts, byColumn };
}

const accuracy = (label: Int32Array, truth: ArrayLike<number>) => label.filter((l, i) => l === truth[i]).length / label.length;
const ranking = (xs: ArrayLike<number>) =>
  Array.from(xs, (x, i) => [x, i] as const)
    .sort((a, b) => b[0] - a[0])
    .map(([, i]) => i);

describe("countRatings", () => {
  it("sums repeated ratings and keeps a fixed class order", () => {
    const { counts, items, annotators, classes } = countRatings(
      [
        { item: "s2", annotator: "ann", value: "b" },
        { item: "s1", annotator: "ann", value: "a" },
        { item: "s1", annotator: "ann", value: "a", count: 2 },
        { item: "s1", annotator: "bo", value: "c" },
      ],
      ["a", "b", "c"],
    );
    expect(items).toEqual(["s2", "s1"]);
    expect(annotators).toEqual(["ann", "bo"]);
    expect(classes).toEqual(["a", "b", "c"]);
    expect(Array.from(counts.itemStart)).toEqual([0, 1, 3]);
    expect(Array.from(counts.count)).toEqual([1, 3, 1]);
    expect(() => countRatings([{ item: 1, annotator: 1, value: "z" }], ["a"])).toThrow(/not one of the classes/);
  });
});

describe("Dawid–Skene on the paper's anaesthesia data", () => {
  // Dawid & Skene (1979), Table 1: 45 patients, 5 anaesthetists, classes 1–4; observer 1 rated
  // every patient three times.
  const table: [number[], number, number, number, number][] = [
    [[1, 1, 1], 1, 1, 1, 1],
    [[3, 3, 3], 4, 3, 3, 4],
    [[1, 1, 2], 2, 1, 2, 2],
    [[2, 2, 2], 3, 1, 2, 1],
    [[2, 2, 2], 3, 2, 2, 2],
    [[2, 2, 2], 3, 3, 2, 2],
    [[1, 2, 2], 2, 1, 1, 1],
    [[3, 3, 3], 3, 4, 3, 3],
    [[2, 2, 2], 2, 2, 2, 3],
    [[2, 3, 2], 2, 2, 2, 3],
    [[4, 4, 4], 4, 4, 4, 4],
    [[2, 2, 2], 3, 3, 4, 3],
    [[1, 1, 1], 1, 1, 1, 1],
    [[2, 2, 2], 3, 2, 1, 2],
    [[1, 2, 1], 1, 1, 1, 1],
    [[1, 1, 1], 2, 1, 1, 1],
    [[1, 1, 1], 1, 1, 1, 1],
    [[1, 1, 1], 1, 1, 1, 1],
    [[2, 2, 2], 2, 2, 2, 1],
    [[2, 2, 2], 1, 3, 2, 2],
    [[2, 2, 2], 2, 2, 2, 2],
    [[2, 2, 2], 2, 2, 2, 1],
    [[2, 2, 2], 3, 2, 2, 2],
    [[2, 2, 1], 2, 2, 2, 2],
    [[1, 1, 1], 1, 1, 1, 1],
    [[1, 1, 1], 1, 1, 1, 1],
    [[2, 3, 2], 2, 2, 2, 2],
    [[1, 1, 1], 1, 1, 1, 1],
    [[1, 1, 1], 1, 1, 1, 1],
    [[1, 1, 2], 1, 1, 2, 1],
    [[1, 1, 1], 1, 1, 1, 1],
    [[3, 3, 3], 3, 2, 3, 3],
    [[1, 1, 1], 1, 1, 1, 1],
    [[2, 2, 2], 2, 2, 2, 2],
    [[2, 2, 2], 3, 2, 3, 2],
    [[4, 3, 3], 4, 3, 4, 3],
    [[2, 2, 1], 2, 2, 3, 2],
    [[2, 3, 2], 3, 2, 3, 3],
    [[3, 3, 3], 3, 4, 3, 2],
    [[1, 1, 1], 1, 1, 1, 1],
    [[1, 1, 1], 1, 1, 1, 1],
    [[1, 2, 1], 2, 1, 1, 1],
    [[2, 3, 2], 2, 2, 2, 2],
    [[1, 2, 1], 1, 1, 1, 1],
    [[2, 2, 2], 2, 2, 2, 2],
  ];
  const ratings: Rating<number, number, number>[] = table.flatMap(([first, ...others], patient) => [
    ...first.map((value) => ({ item: patient + 1, annotator: 1, value })),
    ...others.map((value, o) => ({ item: patient + 1, annotator: o + 2, value })),
  ]);
  const { counts, items } = countRatings(ratings, [1, 2, 3, 4]);
  const result = dawidSkene(counts);
  const posterior = (patient: number) => Array.from(result.posterior.subarray(items.indexOf(patient) * 4, items.indexOf(patient) * 4 + 4));

  it("estimates the published class prevalences (.40 .42 .11 .07)", () => {
    const published = [0.4, 0.42, 0.11, 0.07];
    result.classPriors.forEach((p, j) => expect(Math.abs(p - published[j]!)).toBeLessThan(0.01));
  });

  it("estimates the published patient classes, including the uncertain ones", () => {
    // The patients whose class estimate is not certain (Dawid & Skene's table of estimates),
    // checked against an independent implementation (Dallas Card's dawid_skene.py, same EM
    // start of eq. 3.1 and the same stopping rule) to 4 decimals.
    const uncertain: [number, number[]][] = [
      [7, [0.981, 0.019, 0, 0]],
      [30, [0.9991, 0.0009, 0, 0]],
      [35, [0, 0.948, 0.052, 0]],
      [38, [0, 0.0212, 0.9788, 0]],
      [42, [0.9998, 0.0002, 0, 0]],
    ];
    for (const [patient, expected] of uncertain) {
      posterior(patient).forEach((p, j) => expect(Math.abs(p - expected[j]!)).toBeLessThan(0.01));
    }
    // every other patient is certain: 1.00 for the class of the table's estimate
    const certainClass: Record<number, number> = { 1: 1, 2: 4, 3: 2, 4: 2, 8: 3, 11: 4, 12: 3, 32: 3, 36: 4, 39: 3 };
    for (const [patient, cls] of Object.entries(certainClass)) expect(posterior(Number(patient))[cls - 1]).toBeGreaterThan(0.99);
    expect(result.iterations).toBeLessThan(100);
  });

  it("estimates observer 1's confusion matrix from all three of its ratings per patient", () => {
    const row = (j: number) => Array.from(result.confusion.subarray(j * 4, j * 4 + 4));
    // truth 1: observer 1 answered 1 in 89% of its ratings (Dawid & Skene's Table 3 shape)
    expect(row(0)[0]).toBeCloseTo(0.89, 2);
    expect(row(0)[1]).toBeCloseTo(0.11, 2);
    expect(row(3)[3]).toBeCloseTo(0.44, 2);
  });
});

describe("MACE", () => {
  const { counts: rte, byColumn } = readMaceCsv(fixture("rte.csv"), ["0", "1"]);
  const rteKey = fixture("rte.key").trimEnd().split("\n").map(Number);
  const javaCompetence = fixture("rte.mace-java.competence").trim().split("\t").map(Number);

  it("matches the authors' Java implementation on the RTE crowd data: accuracy and every competence within 0.01", () => {
    const result = mace(rte);
    const acc = accuracy(result.label, rteKey);
    expect(Math.abs(acc - 0.92625)).toBeLessThan(0.01);
    const competence = byColumn(result.competence);
    expect(competence).toHaveLength(javaCompetence.length);
    const worst = Math.max(...competence.map((c, a) => Math.abs(c - javaCompetence[a]!)));
    expect(worst).toBeLessThan(0.01);
    // the annotators the Java version ranks most and least competent are ranked the same here
    expect(ranking(competence).slice(0, 10)).toEqual(ranking(javaCompetence).slice(0, 10));
    expect(ranking(competence).slice(-10)).toEqual(ranking(javaCompetence).slice(-10));
  });

  it("matches the Java implementation on simulated annotators and ranks them by their true competence", () => {
    const sim = readMaceCsv(fixture("sim.csv"), ["0", "1", "2", "3"]);
    const key = fixture("sim.key").trimEnd().split("\n").map(Number);
    const java = fixture("sim.mace-java.competence").trim().split("\t").map(Number);
    const result = mace(sim.counts);
    expect(Math.abs(accuracy(result.label, key) - 0.86)).toBeLessThan(0.01);
    const competence = sim.byColumn(result.competence);
    competence.forEach((c, a) => expect(Math.abs(c - java[a]!)).toBeLessThan(0.01));
    // true competences 0.9, 0.75, 0.6, 0.35, 0.2, 0.1
    expect(ranking(competence)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("gives the same answer for the same seed", () => {
    const a = mace(rte, { restarts: 2, seed: 3 });
    const b = mace(rte, { restarts: 2, seed: 3 });
    expect(Array.from(a.competence)).toEqual(Array.from(b.competence));
  });

  it("computes the digamma function", () => {
    expect(digamma(1)).toBeCloseTo(-0.5772156649015329, 12);
    expect(digamma(0.5)).toBeCloseTo(-1.9635100260214235, 12);
    expect(digamma(10)).toBeCloseTo(2.251752589066721, 12);
  });
});

describe("model-based labels against majority vote on simulated annotators", () => {
  // Five annotators of very different competence, three per item: majority vote is often decided
  // by two poor annotators; both models learn whom to trust.
  const competences = [0.95, 0.85, 0.3, 0.2, 0.15];
  const { counts, truth } = simulateAnnotators({ items: 3000, classes: 3, competences, perItem: 3, seed: 11 });
  const maj = accuracy(pluralityVote(counts), truth);

  it("MACE recovers the truth better than majority and ranks the annotators correctly", () => {
    const result = mace(counts);
    expect(accuracy(result.label, truth)).toBeGreaterThan(maj + 0.05);
    expect(ranking(result.competence)).toEqual([0, 1, 2, 3, 4]);
  });

  it("Dawid–Skene recovers the truth better than majority and ranks the annotators correctly", () => {
    const result = dawidSkene(counts);
    expect(accuracy(result.label, truth)).toBeGreaterThan(maj + 0.05);
    expect(ranking(result.accuracy)).toEqual([0, 1, 2, 3, 4]);
  });

  it("every posterior row sums to 1", () => {
    for (const r of [mace(counts, { restarts: 1 }), dawidSkene(counts)]) {
      for (let i = 0; i < counts.items; i++) {
        const s = r.posterior[i * 3]! + r.posterior[i * 3 + 1]! + r.posterior[i * 3 + 2]!;
        expect(s).toBeCloseTo(1, 12);
      }
    }
  });
});

describe("ties and two annotators", () => {
  // Two annotators who always disagree, nothing else to go on: both models leave the item tied
  // (posterior 0.5/0.5) and `label` takes the first class, as documented.
  const { counts } = countRatings(
    [
      { item: 1, annotator: "a", value: "x" },
      { item: 1, annotator: "b", value: "y" },
    ],
    ["x", "y"],
  );
  it("Dawid–Skene: a symmetric disagreement stays a tie", () => {
    const r = dawidSkene(counts);
    expect(r.posterior[0]).toBeCloseTo(0.5, 6);
    expect(r.label[0]).toBe(0);
  });
  it("an item with no ratings gets the uniform posterior", () => {
    const empty: RatingCounts = { ...counts, items: 2, itemStart: Int32Array.from([0, 2, 2]) };
    const r = mace(empty, { restarts: 1 });
    expect(Array.from(r.posterior.subarray(2, 4))).toEqual([0.5, 0.5]);
  });
});
