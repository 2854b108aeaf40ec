import { describe, expect, it } from "vitest";
import { planSplit, splitCandidates, splitSpans, unionSpans } from "./edit";

const text = `He said.The war "goes on," they wrote 👍🏽 today.`;
const seg = { start: 0, end: text.length };
const parts = (p: { first: { start: number; end: number }; second: { start: number; end: number } }) => [
  text.slice(p.first.start, p.first.end),
  text.slice(p.second.start, p.second.end),
];

describe("planSplit", () => {
  it("excludes the whitespace gap from both parts, wherever in it the point falls", () => {
    const at = text.indexOf(" they");
    for (const x of [at, at + 1]) {
      const r = planSplit(text, seg, x);
      expect(r.ok && parts(r.plan)).toEqual([`He said.The war "goes on,"`, "they wrote 👍🏽 today."]);
    }
  });

  it("splits a sentence end glued to the next sentence", () => {
    const r = planSplit(text, seg, text.indexOf("The"));
    expect(r.ok && parts(r.plan)[0]).toBe("He said.");
  });

  it("snaps inside a word, an emoji or a surrogate pair to the nearest boundary", () => {
    const r = planSplit(text, seg, text.indexOf("ote"));
    expect(r.ok && parts(r.plan)[1]).toBe("wrote 👍🏽 today.");
    const e = planSplit(text, seg, text.indexOf("👍") + 1);
    expect(e.ok && parts(e.plan)[1]).toMatch(/^(👍🏽 )?today\.$/u);
  });

  it("refuses points at or outside the edges and splits that leave an empty part", () => {
    expect(planSplit(text, seg, 0)).toMatchObject({ ok: false, error: expect.stringMatching(/not strictly inside/) });
    expect(planSplit(text, seg, text.length)).toMatchObject({ ok: false });
    expect(planSplit(text, seg, 1)).toMatchObject({ ok: false, error: expect.stringMatching(/first part empty/) });
    expect(planSplit("Hello world", { start: 0, end: 11 }, 10)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/second part empty/),
    });
  });
});

describe("splitCandidates", () => {
  it("offers every gap between words and a clause end glued to the next word", () => {
    const firsts = splitCandidates(text, seg).map((c) => text.slice(c.at, c.at + 4));
    expect(firsts).toEqual(["said", "The ", "war ", `"goe`, `on,"`, "they", "wrot", "👍🏽", "toda"]);
  });
});

describe("spans", () => {
  it("move with their text; a span across the split point is clipped to the first part", () => {
    const plan = { first: { start: 0, end: 10 }, second: { start: 11, end: 30 } };
    const r = splitSpans(
      [
        { start: 0, end: 4, label: "a" },
        { start: 6, end: 15, label: "a" },
        { start: 12, end: 20, label: "b" },
      ],
      plan,
    );
    expect(r).toEqual({
      first: [
        { start: 0, end: 4, label: "a" },
        { start: 6, end: 10, label: "a" },
      ],
      second: [{ start: 12, end: 20, label: "b" }],
      moved: 1,
      clipped: 1,
    });
  });

  it("join two lists, merging overlaps of one label", () => {
    expect(
      unionSpans(
        [{ start: 5, end: 9, label: "a" }],
        [
          { start: 0, end: 3, label: "a" },
          { start: 8, end: 12, label: "a" },
          { start: 8, end: 12, label: "b" },
        ],
      ),
    ).toEqual([
      { start: 0, end: 3, label: "a" },
      { start: 5, end: 12, label: "a" },
      { start: 8, end: 12, label: "b" },
    ]);
  });
});
