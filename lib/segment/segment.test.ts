import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { segmentStats, segmentText } from "./index";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const texts = (s: string, language?: string) => segmentText(s, { language }).map((x) => s.slice(x.start, x.end));
const reasons = (s: string) => segmentText(s).map((x) => [s.slice(x.start, x.end), x.boilerplateReason]);

describe("demo article (hand-written expected segmentation)", () => {
  const text = fixture("trtworld-karabakh-2020.txt");
  const expected = JSON.parse(fixture("trtworld-karabakh-2020.expected.json")) as unknown[];

  it("segments exactly as expected", () => {
    const actual = segmentText(text).map((s) => ({
      text: text.slice(s.start, s.end),
      kind: s.kind,
      isBoilerplate: s.isBoilerplate,
      boilerplateReason: s.boilerplateReason,
    }));
    expect(actual).toEqual(expected);
  });

  it("numbers paragraphs and counts", () => {
    const segs = segmentText(text);
    expect(segs[0]?.paragraph).toBe(0);
    expect(segs[1]?.paragraph).toBe(1);
    expect(segs[2]?.paragraph).toBe(1); // the repeated caption line is in the same paragraph
    expect(segmentStats(segs)).toEqual({
      segments: 38,
      sentences: 32,
      boilerplate: 6,
      paragraphs: 35,
      byReason: { caption: 1, repeated_paragraph: 1, read_more: 3, source_line: 1 },
    });
  });
});

describe("abbreviations, initials, numbers", () => {
  it("never splits after listed abbreviations", () => {
    expect(texts("The U.S. Army and the U.N. Security Council met. The U.K. and E.U. Commission agreed.")).toEqual([
      "The U.S. Army and the U.N. Security Council met.",
      "The U.K. and E.U. Commission agreed.",
    ]);
    expect(texts("Gen. Smith met Gov. Brown, Sen. Jones, Rep. Lee and Dr. Who. Then they left.")).toHaveLength(2);
    expect(texts("Mr. Smith, Mrs. Smith, Ms. Doe and Prof. Kaya visited St. Petersburg. Later too.")).toHaveLength(2);
    expect(texts("It happened on Jan. 5, Feb. 6, Aug. 7, Sept. 8, Oct. 9, Nov. 10 and Dec. 11. Again.")).toHaveLength(2);
    expect(texts("He lives at No. 10 Downing Street. It is Turkey vs. Greece, etc. Next one.")).toEqual([
      "He lives at No. 10 Downing Street.",
      "It is Turkey vs. Greece, etc. Next one.",
    ]);
  });

  it("an abbreviation before a paragraph break still ends the segment", () => {
    expect(texts("They moved to the U.S.\n\nThe next paragraph.")).toEqual(["They moved to the U.S.", "The next paragraph."]);
  });

  it("never splits after single-letter initials or in 'Erdogan (E)' parentheticals", () => {
    expect(texts("J. Smith and J.R.R. Tolkien met. Done.")).toEqual(["J. Smith and J.R.R. Tolkien met.", "Done."]);
    expect(texts("Erdogan (E) and Aliyev (L) meet in Aliaga. Then more.")).toEqual([
      "Erdogan (E) and Aliyev (L) meet in Aliaga.",
      "Then more.",
    ]);
    expect(texts("Erdogan (E.) Aliyev (L.) meet. Then more.")).toEqual(["Erdogan (E.) Aliyev (L.) meet.", "Then more."]);
  });

  it("never splits decimals or times", () => {
    expect(texts("Growth was 3.5 percent. The meeting starts at 10.30 a.m. on Monday. Done.")).toEqual([
      "Growth was 3.5 percent.",
      "The meeting starts at 10.30 a.m. on Monday.",
      "Done.",
    ]);
  });
});

describe("quotes (the convention: one segment per unit of sourcing)", () => {
  it("a quotation followed by its attribution is one segment, however many sentences it quotes", () => {
    const t =
      '"A peace process will surely be started. Clashes cannot go on forever, so the sooner the better," Aliyev said on TRT Haber, the Turkish broadcaster.';
    expect(texts(t)).toEqual([t]);
    expect(texts("“We won. We rebuild. Never again,” said Gen. Smith. Then more.")).toEqual([
      "“We won. We rebuild. Never again,” said Gen. Smith.",
      "Then more.",
    ]);
    expect(texts("«We won. It is over», the minister told reporters. Then more.")).toEqual([
      "«We won. It is over», the minister told reporters.",
      "Then more.",
    ]);
  });

  it("a quotation that ends its sentence joins a following attribution-only sentence", () => {
    expect(texts('"We won. It is over." Aliyev said. Then more.')).toEqual(['"We won. It is over." Aliyev said.', "Then more."]);
    // a new claim after the cue is not an attribution-only sentence
    expect(texts('"We won." Aliyev said the war was over.')).toEqual(['"We won."', "Aliyev said the war was over."]);
    expect(texts('"We won." The crowd cheered.')).toEqual(['"We won."', "The crowd cheered."]);
  });

  it("a quotation with its attribution before it, or with none, splits at the sentence ends inside", () => {
    expect(texts("“We will win. We will not stop. Never.” The crowd cheered.")).toEqual([
      "“We will win.",
      "We will not stop.",
      "Never.”",
      "The crowd cheered.",
    ]);
    expect(texts('He said: "We will win. We will not stop." Then more.')).toEqual([
      'He said: "We will win.',
      'We will not stop."',
      "Then more.",
    ]);
  });

  it("an interrupted quotation: the part before the attribution joins it, the part after splits", () => {
    expect(texts('"We won. It is over," he said, "We stay. We rebuild." Then more.')).toEqual([
      '"We won. It is over," he said, "We stay.',
      'We rebuild."',
      "Then more.",
    ]);
  });

  it("never joins across a paragraph break", () => {
    expect(texts('"We won.\n\nIt is over," he said.')).toEqual(['"We won.', 'It is over," he said.']);
  });

  it("never splits after a closing quote followed by lower-case text", () => {
    expect(texts('"Is it over?" he asked. "Yes!" she said. Then silence.')).toEqual([
      '"Is it over?" he asked.',
      '"Yes!" she said.',
      "Then silence.",
    ]);
    expect(texts("“Stop!”, the officer shouted. Okay.")).toEqual(["“Stop!”, the officer shouted.", "Okay."]);
  });
});

describe("kinds", () => {
  const kinds = (s: string) => segmentText(s).map((x) => [s.slice(x.start, x.end), x.kind]);

  it("headline, heading, sentence, caption, boilerplate", () => {
    expect(
      kinds(
        "Turkey accuses Armenia of war crimes\n\nFighting entered its ninth day.\n\n'War crimes'\n\nIn this photo, soldiers walk in Ganja.\n\nREAD MORE: Another story",
      ),
    ).toEqual([
      ["Turkey accuses Armenia of war crimes", "headline"],
      ["Fighting entered its ninth day.", "sentence"],
      ["'War crimes'", "heading"],
      ["In this photo, soldiers walk in Ganja.", "caption"],
      ["READ MORE: Another story", "boilerplate"],
    ]);
  });

  it("a long line without a full stop is a sentence, not a heading", () => {
    expect(kinds("Title\n\nMany world powers, including Russia, France and the US, have urged an immediate ceasefire")[1]?.[1]).toBe(
      "sentence",
    );
  });

  it("an inline dateline is a segment of its own; a dateline line too", () => {
    expect(kinds("Headline here\n\nANKARA, Turkey (AP) — Turkey's foreign minister said on Monday that talks would go on.")).toEqual([
      ["Headline here", "headline"],
      ["ANKARA, Turkey (AP) —", "dateline"],
      ["Turkey's foreign minister said on Monday that talks would go on.", "sentence"],
    ]);
    expect(kinds("Headline here\n\nBAKU, Oct 5 (Reuters) - Shelling hit Ganja.")[1]).toEqual(["BAKU, Oct 5 (Reuters) -", "dateline"]);
    expect(kinds("Headline here\nOctober 5, 2020\nShelling hit Ganja.")[1]).toEqual(["October 5, 2020", "dateline"]);
    expect(kinds("Headline\n\nBAKU, Azerbaijan\n\nNATO\n\nText.").map((k) => k[1])).toEqual([
      "headline",
      "dateline",
      "heading",
      "sentence",
    ]);
    // a sentence that merely starts with an upper-case word and a dash is not a dateline
    expect(kinds("Headline\n\nNATO - the alliance - met.")[1]?.[1]).toBe("sentence");
  });
});

describe("lines and paragraphs", () => {
  it("a paragraph break always ends a segment, even without final punctuation", () => {
    expect(texts("First part without period\n\nsecond part lower case.")).toEqual(["First part without period", "second part lower case."]);
    expect(texts("One\r\n\r\nTwo\n \t\nThree")).toEqual(["One", "Two", "Three"]);
    expect(segmentText("A.\n\nB.\n\nC.").map((s) => s.paragraph)).toEqual([0, 1, 2]);
  });

  it("headlines and sub-headings on their own line are their own segments", () => {
    expect(texts("NATO chief calls for ceasefire\nStoltenberg has also called for a ceasefire.")).toEqual([
      "NATO chief calls for ceasefire",
      "Stoltenberg has also called for a ceasefire.",
    ]);
    expect(texts("'War crimes'\n\"Armenia directly targets civilians,\" he said.")).toHaveLength(2);
  });

  it("hard-wrapped lines continue the sentence", () => {
    expect(texts("The minister said on Monday that the\ntalks would continue, and that\nnobody should worry. Next.")).toEqual([
      "The minister said on Monday that the\ntalks would continue, and that\nnobody should worry.",
      "Next.",
    ]);
    expect(texts("Officials met Gen.\nSmith today.")).toEqual(["Officials met Gen.\nSmith today."]);
    expect(texts("The first sentence.\nThe second sentence.")).toEqual(["The first sentence.", "The second sentence."]);
  });

  it("bullet list items are their own segments", () => {
    const t = "Key points:\n- Turkey backs Azerbaijan\n* NATO calls for calm\n• Russia offers talks\n1. First item\n2) Second item";
    expect(texts(t)).toEqual([
      "Key points:",
      "- Turkey backs Azerbaijan",
      "* NATO calls for calm",
      "• Russia offers talks",
      "1. First item",
      "2) Second item",
    ]);
    expect(texts("- a bullet item that wraps\n  onto the next line\n- another")).toEqual([
      "- a bullet item that wraps\n  onto the next line",
      "- another",
    ]);
  });

  it("handles unicode and language options", () => {
    const t = "Der Präsident sprach 😀. Dann ging er! Très bien.";
    const segs = segmentText(t, { language: "de" });
    expect(segs.map((s) => t.slice(s.start, s.end))).toEqual(["Der Präsident sprach 😀.", "Dann ging er!", "Très bien."]);
    expect(texts("Ok. Fine.", "not a valid tag!!")).toEqual(["Ok.", "Fine."]);
    expect(segmentText("")).toEqual([]);
    expect(segmentText(" \n\n\t ")).toEqual([]);
  });
});

describe("boilerplate", () => {
  it("read more and source lines", () => {
    expect(
      reasons(
        "Body text.\n\nREAD MORE: Azerbaijan: Armenia attacking cities\n\nRead more: Another story. With two parts\n\nSource: TRTWorld and agencies",
      ),
    ).toEqual([
      ["Body text.", null],
      ["READ MORE: Azerbaijan: Armenia attacking cities", "read_more"],
      ["Read more: Another story.", "read_more"],
      ["With two parts", "read_more"],
      ["Source: TRTWorld and agencies", "source_line"],
    ]);
  });

  it("captions and photo credits", () => {
    expect(
      reasons(
        "In this photo, soldiers walk in Ganja.\n\nFile photo: Aliyev speaks.\n\nSoldiers patrol the city. (Reuters)\n\n(AP Photo/Evan Vucci)\n\nThe army (AA) said so.",
      ),
    ).toEqual([
      ["In this photo, soldiers walk in Ganja.", "caption"],
      ["File photo: Aliyev speaks.", "caption"],
      ["Soldiers patrol the city. (Reuters)", "photo_credit"],
      ["(AP Photo/Evan Vucci)", "photo_credit"],
      ["The army (AA) said so.", null],
    ]);
  });

  it("flags repeated paragraphs (verbatim or apart from a trailing credit), not the first", () => {
    const p = "Armenian forces shelled the city of Ganja overnight.";
    expect(reasons(`${p}\n\nSomething else happened.\n\n${p} (AA)\n\n${p}\n\nShort.\n\nShort.`)).toEqual([
      [p, null],
      ["Something else happened.", null],
      [`${p} (AA)`, "repeated_paragraph"],
      [p, "repeated_paragraph"],
      ["Short.", null],
      ["Short.", null],
    ]);
  });
});
