/**
 * The labels of the two pre-filled demo annotators (not the printed logins), so that the reports
 * and the comparison have figures on first run; written for the demo, by reading each sentence.
 * Each sentence is found by how its text starts. The second annotator differs from the first
 * where readers plausibly differ; the demo reviewer settles some of those as gold (with the first
 * annotator's reading), so the reports show all three bases: gold, majority and unresolved.
 */

type TargetKey = "armenia" | "azerbaijan" | "turkey" | "nato";
type StanceValue = "favorable" | "unfavorable" | "neutral";
type SourceType = "government_official" | "military" | "international_org_ngo" | "social_media_post" | "eyewitness_civilian";

export interface SentenceLabels {
  sourcing: "direct_quote" | "paraphrased_attribution" | "unattributed_claim" | "no_claim";
  source?: { name: string; type: SourceType; side: TargetKey | "independent_unclear" };
  stance?: Partial<Record<TargetKey, StanceValue>>;
  /** Words marked as loaded language (each the first occurrence in the sentence). */
  loaded?: string[];
}

export interface DemoSentence {
  /** The sentence's text starts with this. */
  starts: string;
  first: SentenceLabels;
  /** Where the second annotator read it differently (the rest as the first). */
  second?: Partial<SentenceLabels>;
  /** The reviewer adjudicated the disagreement (with the first reading). */
  gold?: true;
}

const U = "unfavorable",
  F = "favorable",
  N = "neutral";
const said = (name: string, type: SourceType, side: TargetKey | "independent_unclear") => ({ name, type, side });
const none = (): SentenceLabels => ({ sourcing: "no_claim" });
const fact = (stance?: SentenceLabels["stance"], loaded?: string[]): SentenceLabels => ({ sourcing: "unattributed_claim", stance, loaded });
const quote = (source: SentenceLabels["source"], stance?: SentenceLabels["stance"], loaded?: string[]): SentenceLabels => ({
  sourcing: "direct_quote",
  source,
  stance,
  loaded,
});
const para = (source: SentenceLabels["source"], stance?: SentenceLabels["stance"], loaded?: string[]): SentenceLabels => ({
  sourcing: "paraphrased_attribution",
  source,
  stance,
  loaded,
});

const aliyev = said("Ilham Aliyev", "government_official", "azerbaijan");
const cavusoglu = said("Mevlut Cavusoglu", "government_official", "turkey");
const stoltenberg = said("Jens Stoltenberg", "international_org_ngo", "nato");
const akar = said("Hulusi Akar", "military", "turkey");
const armMod = said("Armenian defence ministry", "military", "armenia");
const armMfa = said("Armenian foreign ministry", "government_official", "armenia");

/** The real sample article (TRT World); its sourcing follows tests/fixtures/attribution (hand-labelled). */
export const TRT_LABELS: DemoSentence[] = [
  {
    starts: "Turkey, a longtime ally of Azerbaijan",
    first: para(said("Turkey", "government_official", "turkey"), { armenia: U }, ["occupied"]),
    second: { stance: { armenia: U, azerbaijan: F } },
    gold: true,
  },
  { starts: "In this file photo", first: none() },
  { starts: "Azerbaijan's President Ilham Aliyev has said", first: para(aliyev, { turkey: F }) },
  {
    starts: "Both Turkey and Azerbaijan have accused",
    first: para(said("Turkey and Azerbaijan", "government_official", "azerbaijan"), { armenia: U }),
  },
  { starts: '"A peace process will surely', first: quote(aliyev, { azerbaijan: F }), second: { stance: { azerbaijan: N } } },
  { starts: "Fighting between Armenia and Azerbaijan", first: fact({ armenia: U }, ["occupied"]) },
  { starts: "Hundreds of people have been killed", first: fact() },
  { starts: "'War crimes'", first: quote(cavusoglu, { armenia: U }), second: none(), gold: true },
  { starts: '"Armenia directly targets civilians', first: quote(cavusoglu, { armenia: U }, ["war crime"]) },
  { starts: "Stoltenberg is expected to meet", first: fact() },
  { starts: 'NATO is "deeply concerned"', first: quote(stoltenberg, { nato: N }) },
  { starts: "READ MORE", first: none() },
  {
    starts: "Hikmet Hajiyev, aide to President Aliyev",
    first: quote(said("Hikmet Hajiyev", "government_official", "azerbaijan"), { armenia: U }),
    second: { source: said("Hikmet Hajiyev", "social_media_post", "azerbaijan") },
    gold: true,
  },
  { starts: "Armenia denied the accusations.", first: para(said("Armenia", "government_official", "armenia"), { armenia: N }) },
  { starts: "NATO chief calls for ceasefire", first: para(stoltenberg, { nato: N }), second: none() },
  { starts: "Stoltenberg has also called", first: para(stoltenberg, { armenia: U }, ["occupied"]), second: { stance: {} } },
  { starts: '"It is extremely important', first: quote(stoltenberg, { nato: N }) },
  { starts: '"There is no military solution,"', first: quote(stoltenberg, { nato: N }) },
  { starts: "Aliyev said a ceasefire could only", first: quote(aliyev, { armenia: U }) },
  { starts: "\"We don't have eyes", first: quote(aliyev, { azerbaijan: F }) },
  { starts: "Aliyev said Armenia is dragging Russia", first: para(aliyev, { armenia: U }) },
  { starts: "'Armenia must withdraw' from occupied lands", first: quote(akar, { armenia: U }, ["occupied"]) },
  {
    starts: "Turkey's Defence Minister Hulusi Akar said",
    first: para(akar, { armenia: U }, ["terrorist organisations"]),
    second: { source: said("Hulusi Akar", "government_official", "turkey") },
    gold: true,
  },
  {
    starts: '"Armenia must withdraw from the [Azerbaijani]',
    first: quote(akar, { armenia: U }, ["mercenaries and terrorists"]),
    second: { source: said("Hulusi Akar", "government_official", "turkey") },
  },
  { starts: "By targeting civilians, Armenia is committing", first: quote(akar, { armenia: U }, ["war crime"]) },
  { starts: "Armenian authorities, who are openly targeting", first: para(akar, { armenia: U }) },
  { starts: "Decades-long conflict", first: none() },
  { starts: "Relations between the two former Soviet republics", first: fact({ armenia: U }, ["occupied"]) },
  {
    starts: "Multiple UN resolutions",
    first: para(said("UN resolutions", "international_org_ngo", "independent_unclear"), { armenia: U }, ["invading"]),
  },
  { starts: "The OSCE Minsk Group", first: fact() },
  { starts: "A ceasefire, however", first: fact() },
  { starts: "The fighting began on September 27", first: fact() },
  { starts: "Many world powers", first: para(said("Russia, France and the US", "government_official", "independent_unclear")) },
  { starts: "Turkey, meanwhile, has supported", first: fact({ azerbaijan: F }), second: { stance: { azerbaijan: F, turkey: N } } },
  { starts: "Source:", first: none() },
];

/** The illustrative wire report (server/demo/illustrative.ts). */
export const WIRE_LABELS: DemoSentence[] = [
  { starts: "Fighting between Armenian and Azerbaijani forces", first: fact() },
  { starts: "Azerbaijan said Armenian forces", first: para(said("Azerbaijan", "government_official", "azerbaijan"), { armenia: U }) },
  { starts: "Armenia's defence ministry denied", first: para(armMod, { azerbaijan: U }) },
  { starts: "The claims could not be independently verified.", first: fact() },
  { starts: "NATO Secretary General Jens Stoltenberg", first: quote(stoltenberg, { nato: N }) },
  { starts: "Cavusoglu said Armenia was targeting", first: para(cavusoglu, { armenia: U }) },
  { starts: "Azerbaijani President Ilham Aliyev told", first: para(aliyev, { turkey: N }), second: { stance: { turkey: F } } },
  { starts: "Armenia has accused Turkey", first: para(said("Armenia", "government_official", "armenia"), { turkey: U }) },
  {
    starts: "Russia, France and the United States",
    first: para(said("Russia, France and the US", "government_official", "independent_unclear")),
  },
  { starts: "Hundreds of people have been killed", first: fact() },
];

/** The illustrative state-media-style report (server/demo/illustrative.ts). */
export const STATE_MEDIA_LABELS: DemoSentence[] = [
  { starts: "Azerbaijani forces continued to shell", first: para(armMod, { azerbaijan: U }, ["peaceful settlements"]) },
  { starts: "Residential buildings", first: para(armMod, { azerbaijan: U }) },
  {
    starts: "The ministry's spokeswoman called",
    first: para(said("Armenian defence ministry spokeswoman", "military", "armenia"), { azerbaijan: U }, ["disinformation"]),
  },
  { starts: "Armenia's foreign ministry said Turkey", first: para(armMfa, { turkey: U }, ["aggression"]) },
  {
    starts: '"We spent the night in the basement',
    first: quote(said("a resident of Stepanakert", "eyewitness_civilian", "armenia")),
    second: { stance: { azerbaijan: U } },
  },
  { starts: "Turkey, which backs Azerbaijan", first: para(said("Turkey", "government_official", "turkey")) },
  { starts: "Armenia supports the call", first: para(armMfa, { armenia: F }) },
  {
    starts: "The Artsakh Defence Army said",
    first: para(said("Artsakh Defence Army", "military", "armenia"), { armenia: F }),
    second: { stance: { armenia: N } },
  },
];
