import { describe, expect, it } from "vitest";
import { cueVerb, findQuotes, isAttributionOnly, startsWithAttribution } from "./index";

const spans = (t: string) => findQuotes(t).map((q) => [t.slice(q.start, q.end), q.close >= 0]);

describe("findQuotes", () => {
  it("straight, curly, mixed and guillemet marks; content without the marks", () => {
    expect(spans('"A. B," Aliyev said.')).toEqual([["A. B,", true]]);
    expect(spans('He said “densely populated areas" and “with missiles."')).toEqual([
      ["densely populated areas", true],
      ["with missiles.", true],
    ]);
    expect(spans("Il a dit « très bien » et »gut«.")).toEqual([
      ["très bien", true],
      ["gut", true],
    ]);
    expect(spans("„Wir gewinnen“, sagte er.")).toEqual([["Wir gewinnen", true]]);
  });

  it("single quotes are quotations, apostrophes are not", () => {
    expect(spans("'War crimes'")).toEqual([["War crimes", true]]);
    expect(spans("Turkey's farmers' union said it's fine")).toEqual([]);
    expect(spans("‘Armenia must withdraw’ from occupied lands")).toEqual([["Armenia must withdraw", true]]);
    expect(spans("the ’90s were fine")).toEqual([]);
  });

  it("reports top-level quotations only; interrupted quotations are two", () => {
    expect(spans('"They called it \'a war crime\'," he said, "and we agree."')).toEqual([
      ["They called it 'a war crime',", true],
      ["and we agree.", true],
    ]);
  });

  it("an unclosed double quotation runs to the end of the range", () => {
    const t = 'He said: "We will win. We will not stop.';
    expect(spans(t)).toEqual([["We will win. We will not stop.", false]]);
    expect(findQuotes(t)[0]?.close).toBe(-1);
  });
});

describe("cues", () => {
  it("knows inflections", () => {
    expect(["said", "says", "saying", "told", "denied", "denies", "tweeted", "warns", "accused", "wrote"].map(cueVerb)).toEqual([
      "say",
      "say",
      "say",
      "tell",
      "deny",
      "deny",
      "tweet",
      "warn",
      "accuse",
      "write",
    ]);
    expect(cueVerb("met")).toBeUndefined();
  });

  it("recognises an attribution after a closing quote", () => {
    expect(startsWithAttribution(" Aliyev said on TRT Haber.")).toBe(true);
    expect(startsWithAttribution(", said Turkish Foreign Minister Mevlut Cavusoglu.")).toBe(true);
    expect(startsWithAttribution(" he told a news conference.")).toBe(true);
    expect(startsWithAttribution(" The crowd cheered.")).toBe(false);
    expect(isAttributionOnly("Aliyev said.")).toBe(true);
    expect(isAttributionOnly("said the minister.")).toBe(true);
    expect(isAttributionOnly("Aliyev said the war was over.")).toBe(false);
  });
});
