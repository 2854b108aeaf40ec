/** What each figure means and when it is undefined. */
export function Explanations() {
  return (
    <section aria-labelledby="explain-h" className="card text-sm">
      <h2 id="explain-h" className="mb-2 text-lg font-semibold">
        What the figures mean
      </h2>
      <dl className="space-y-3">
        <div>
          <dt className="font-semibold">Units and coders</dt>
          <dd className="muted">
            A unit is a sentence (a token — one word — for spans). Only sentences that two or more people confirmed are compared;
            boilerplate is left out. A person&apos;s unconfirmed sentences are missing for them. On a confirmed sentence an empty stance
            toward a target counts as &ldquo;None&rdquo;, so agreeing that a sentence does not concern a target counts as agreement. Source
            type and side are compared where two or more people gave one.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Krippendorff&apos;s α (nominal)</dt>
          <dd className="muted">
            1 − observed / expected disagreement, over every pairable unit, with any number of annotators and missing values. 1 is perfect
            agreement, 0 is what chance alone gives, below 0 is systematic disagreement; 0.8 or more is usually taken as reliable, 0.667 as
            the lowest acceptable. —, undefined: fewer than 2 pairable values, or only one category used (nothing to disagree on, so no
            expected disagreement).
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Fleiss&apos; κ</dt>
          <dd className="muted">
            Chance-corrected agreement of several raters, generalised to a varying number of ratings per unit (Gwet, Handbook of Inter-Rater
            Reliability, ch. 2): observed agreement over the units with 2 or more ratings, chance agreement from each category&apos;s share
            of every unit&apos;s ratings. Units with a single rating are left out of the observed agreement (the count is shown under κ). —,
            undefined: no unit has 2 or more ratings, or only one category used.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Percent agreement</dt>
          <dd className="muted">
            Share of agreeing annotator pairs per unit, averaged over units. Not corrected for chance: a rare category can give high
            agreement and a low α. —, undefined: no unit was coded by 2 or more people.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Cohen&apos;s κ per pair</dt>
          <dd className="muted">
            Chance-corrected agreement of two annotators over the units both coded (n). —, undefined: they share no unit, or only one
            category used by both.
          </dd>
        </div>
        <div>
          <dt className="font-semibold">Confusion matrix</dt>
          <dd className="muted">
            How often one annotator&apos;s category (row) met the other&apos;s (column); the diagonal is agreement, the rest shows which
            categories get confused.
          </dd>
        </div>
      </dl>
    </section>
  );
}
