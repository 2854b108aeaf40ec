/**
 * Two short articles WRITTEN FOR THE SLANT DEMO about the same days as the real sample article
 * (TRT World, 5 October 2020): the events as a neutral wire report would tell them, and as the
 * other side's state media would. They are not any real outlet's text; their outlet, title and
 * author say so wherever Slant shows a document. They quote no real person's words beyond those
 * the real sample article itself reports.
 */

export const DEMO_STORY = "Karabakh fighting, 5 October 2020";

const ILLUSTRATIVE_AUTHOR = "Written for the Slant demo (illustrative text, not a real outlet's article)";

export const ILLUSTRATIVE_ARTICLES = [
  {
    externalId: "illustrative-wire-2020-10-05",
    title: "Illustrative wire report (written for the Slant demo): Shelling hits towns on both sides as NATO urges Karabakh ceasefire",
    outlet: "Illustrative wire report (written for the Slant demo)",
    author: ILLUSTRATIVE_AUTHOR,
    publishedAt: "2020-10-05T15:00:00Z",
    language: "en",
    text: `Fighting between Armenian and Azerbaijani forces over Nagorno-Karabakh entered its ninth day on Monday, with both sides reporting attacks on towns far from the front line.

Azerbaijan said Armenian forces had fired missiles and rockets at Ganja, Barda and other towns, killing civilians.

Armenia's defence ministry denied targeting civilians and said Azerbaijani forces had shelled Stepanakert, the main town of the region, overnight.

The claims could not be independently verified.

NATO Secretary General Jens Stoltenberg, speaking in Ankara after talks with Turkish Foreign Minister Mevlut Cavusoglu, said the alliance was "deeply concerned" and called on all sides to stop fighting.

Cavusoglu said Armenia was targeting civilians and should withdraw from the territory it holds.

Azerbaijani President Ilham Aliyev told Turkish television that Turkey should have a role in any peace process.

Armenia has accused Turkey of sending military support to Azerbaijan, which Ankara denies.

Russia, France and the United States, which lead mediation efforts, have urged an immediate ceasefire.

Hundreds of people have been killed since the fighting began on September 27.
`,
  },
  {
    externalId: "illustrative-state-media-2020-10-05",
    title:
      "Illustrative state-media report (written for the Slant demo): Azerbaijani forces shell Stepanakert as Armenia rejects Baku's claims",
    outlet: "Illustrative Armenian state-media-style report (written for the Slant demo)",
    author: ILLUSTRATIVE_AUTHOR,
    publishedAt: "2020-10-05T17:00:00Z",
    language: "en",
    text: `Azerbaijani forces continued to shell Stepanakert and other peaceful settlements of Artsakh on Monday, the Armenian defence ministry said.

Residential buildings and other civilian infrastructure were damaged, according to the ministry.

The ministry's spokeswoman called Baku's reports of Armenian strikes on Ganja disinformation meant to cover up its own attacks on civilians.

Armenia's foreign ministry said Turkey was directly involved in the aggression and bore responsibility for the escalation.

"We spent the night in the basement with the children," a resident of Stepanakert told reporters.

Turkey, which backs Azerbaijan, has rejected such accusations.

Armenia supports the call of the co-chairs of the OSCE Minsk Group for a ceasefire, the foreign ministry said.

The Artsakh Defence Army said its units were repelling attacks along the entire front line.
`,
  },
];
