import { describe, expect, it } from "vitest";
import { segmentText } from "../segment";
import { suggestForDocument, type SegmentSuggestions } from "./index";

const TARGETS = ["Turkey", "Azerbaijan", "Armenia"];

/** Segments `text` and returns each segment's text with its suggestions. */
function run(text: string, targets = TARGETS): (SegmentSuggestions & { text: string })[] {
  const segs = segmentText(text);
  return suggestForDocument(text, segs, { targets }).map((s, i) => ({ ...s, text: text.slice(segs[i]!.start, segs[i]!.end) }));
}
const quoted = (s: SegmentSuggestions & { text: string }) => s.quotes.map(([a, b]) => s.text.slice(a, b));

describe("sourcing and quote spans", () => {
  it("a quotation before its attribution; the spans exclude the marks and the trailing comma", () => {
    const [s] = run('"A peace process will surely be started. Clashes cannot go on," Ilham Aliyev said on TRT Haber.');
    expect(s!.sourcing).toMatchObject({ value: "direct_quote", rule: "quote" });
    expect(quoted(s!)).toEqual(["A peace process will surely be started. Clashes cannot go on"]);
    expect(s!.cue).toMatchObject({ value: "said", rule: "cue:say" });
    expect(s!.speaker?.value).toBe("Ilham Aliyev");
    expect(s!.sourcing.confidence).toBeGreaterThan(0);
  });

  it("an interrupted quotation gives two spans and one speaker", () => {
    const [s] = run("Niek Stam led the strike.\n\n“It does not cover inflation,” he said, “and our members know it.”").slice(1);
    expect(quoted(s!)).toEqual(["It does not cover inflation", "and our members know it."]);
    expect(s!.speakerCanonical).toBe("Niek Stam");
  });

  it("« » and nested quotations: the outer quotation is the span", () => {
    const [s] = run("« Nous ne céderons pas », a déclaré le ministre. \"They called it 'a war crime'\", Jens Stoltenberg said.");
    expect(quoted(s!)).toEqual(["Nous ne céderons pas"]);
    const nested = run("\"They called it 'a war crime' on Monday,\" Jens Stoltenberg said.")[0]!;
    expect(quoted(nested)).toEqual(["They called it 'a war crime' on Monday"]);
  });

  it("a quotation attributed before it: the continuation sentence is a direct quote of the same speaker", () => {
    const r = run('Egypt\'s Foreign Minister Sameh Shoukry said: "We want an agreement. Without it, the region will face a crisis."');
    expect(r.map((s) => s.sourcing.value)).toEqual(["direct_quote", "direct_quote"]);
    expect(r[1]).toMatchObject({ speakerCanonical: "Sameh Shoukry", speaker: { rule: "quote_continuation", start: -1, end: -1 } });
  });

  it("a quotation over two paragraphs, attributed in the second: the first gets the same speaker", () => {
    const r = run('"We will rebuild every village.\n\n"And we will do it this year," said Azerbaijani President Ilham Aliyev.');
    expect(r.map((s) => s.sourcing.value)).toEqual(["direct_quote", "direct_quote"]);
    expect(r[0]).toMatchObject({
      speakerCanonical: "Ilham Aliyev",
      speaker: { rule: "quote_continued_later" },
      sourceSide: { value: "Azerbaijan" },
    });
  });

  it("paraphrase, according to, vague sources, reportedly, unattributed, no claim", () => {
    const r = run(
      [
        "Turkey's Defence Minister Hulusi Akar said that Armenia must withdraw.",
        "According to the Ethiopian Water Ministry, the reservoir holds 22 billion cubic metres.",
        "Officials in Khartoum say the dam could threaten Sudan.",
        "Employers have reportedly offered a 3.5 percent raise.",
        "Hundreds of people have been killed in the clashes.",
        "Decades-long conflict",
        "READ MORE: Turkey: Permanent peace possible",
      ].join("\n\n"),
    );
    expect(r.map((s) => s.sourcing.value)).toEqual([
      "paraphrased_attribution",
      "paraphrased_attribution",
      "paraphrased_attribution",
      "paraphrased_attribution",
      "unattributed_claim",
      "no_claim",
      "no_claim",
    ]);
    expect(r.map((s) => s.speaker?.value ?? null)).toEqual([
      "Hulusi Akar",
      "the Ethiopian Water Ministry",
      "Officials in Khartoum",
      null,
      null,
      null,
      null,
    ]);
    expect(r[1]!.cue?.value).toBe("According to");
    const more = run(
      "Rescuers pulled 41 survivors from the water, the national search and rescue agency said.\n\nThe museum will return them, its trustees announced.",
    );
    expect(more.map((s) => s.speaker?.value)).toEqual(["the national search and rescue agency", "its trustees"]);
    expect(r[2]!.sourceType?.value).toBe("anonymous_unnamed");
    expect(r[3]!.cue?.value).toBe("reportedly");
    expect(r[6]!.sourcing.rule).toBe("kind:boilerplate");
  });
});

describe("speakers resolved within the document", () => {
  const text = [
    "Turkish Foreign Minister Mevlut Cavusoglu met NATO Secretary General Jens Stoltenberg in Ankara.",
    "Stoltenberg has also called for a ceasefire.",
    '"There is no military solution," he told a news conference.',
    "Azerbaijan's President Ilham Aliyev spoke to TRT.",
    "\"We don't have eyes on any other country's lands,\" Aliyev said.",
    'The minister, Cavusoglu, was not asked. "Armenia targets civilians," said the minister.',
    "Hikmet Hajiyev, aide to President Aliyev, tweeted that towns were attacked.",
  ].join("\n\n");
  const r = run(text);
  const by = (start: string) => r.find((s) => s.text.startsWith(start))!;

  it("surname → full name; he → the nearest earlier speaker; the minister → the minister introduced earlier", () => {
    expect(by("Stoltenberg has")).toMatchObject({ speakerCanonical: "Jens Stoltenberg", sourcing: { value: "paraphrased_attribution" } });
    expect(by('"There is')).toMatchObject({ speaker: { value: "he", rule: "pronoun" }, speakerCanonical: "Jens Stoltenberg" });
    expect(by('"We don')).toMatchObject({ speakerCanonical: "Ilham Aliyev" });
    expect(by('"Armenia targets')).toMatchObject({ speakerCanonical: "Mevlut Cavusoglu" });
  });

  it("source type and side from titles and descriptions", () => {
    expect(by("Stoltenberg has").sourceType?.value).toBe("international_org_ngo");
    expect(by("Stoltenberg has").sourceSide?.value).toBe("independent_unclear");
    expect(by('"We don').sourceType?.value).toBe("government_official");
    expect(by('"We don').sourceSide?.value).toBe("Azerbaijan");
    expect(by('"Armenia targets').sourceSide).toMatchObject({ value: "Turkey", rule: "title_country" });
    // "aide to President Aliyev" ties Hajiyev to Azerbaijan through Aliyev
    expect(by("Hikmet")).toMatchObject({ speakerCanonical: "Hikmet Hajiyev", sourceSide: { value: "Azerbaijan" } });
    expect(by("Hikmet").sourceType?.value).toBe("government_official");
  });

  it("demonyms: an Azerbaijani president is on Azerbaijan's side; no targets, no side", () => {
    const [s] = run('"We will not stop," Azerbaijani President Ilham Aliyev said.');
    expect(s!.sourceSide?.value).toBe("Azerbaijan");
    expect(run('"We will not stop," Azerbaijani President Ilham Aliyev said.', [])[0]!.sourceSide).toBeNull();
  });
});

describe("offsets", () => {
  it("are UTF-16 code units relative to the segment, also after emoji and accents", () => {
    const text = 'Intro 😀 sentence here.\n\n"Çok güzel 😀 oldu," said Mevlüt Çavuşoğlu.';
    const segs = segmentText(text);
    const s = suggestForDocument(text, segs)[1]!;
    const segText = text.slice(segs[1]!.start, segs[1]!.end);
    expect(s.quotes.map(([a, b]) => segText.slice(a, b))).toEqual(["Çok güzel 😀 oldu"]);
    expect(segText.slice(s.speaker!.start, s.speaker!.end)).toBe("Mevlüt Çavuşoğlu");
    expect(segText.slice(s.cue!.start, s.cue!.end)).toBe("said");
  });
});
