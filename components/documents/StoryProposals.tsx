"use client";

import { storyProposalAction } from "@/app/(app)/projects/[projectId]/actions";
import { useFormAction } from "@/components/projects/form";
import { FormStatus } from "@/components/ui/FormStatus";
import type { StoryProposalView } from "@/server/story-proposals";
import { SIMILARITY_THRESHOLD } from "@/lib/stories/similarity";

/**
 * Story proposals for managers (server/story-proposals): each group of documents without a story
 * whose title and lead are alike, with a name to edit, Accept (sets the story on the group) and
 * Dismiss (never proposed again).
 */
export function StoryProposals({ projectId, proposals }: { projectId: string; proposals: StoryProposalView[] }) {
  return (
    <section aria-labelledby="proposals-h" className="card mb-3 text-sm">
      <h3 id="proposals-h" className="font-semibold">
        Proposed stories
      </h3>
      <p className="muted mt-1">
        Documents without a story whose titles and leads are alike (text similarity at least {SIMILARITY_THRESHOLD}, see the README). Accept
        to give them one story, or dismiss if they are not about one event.
      </p>
      <ul className="mt-2 space-y-3">
        {proposals.map((p, i) => (
          <Proposal key={p.documents.map((d) => d.id).join(" ")} index={i + 1} projectId={projectId} proposal={p} />
        ))}
      </ul>
    </section>
  );
}

function Proposal({ index, projectId, proposal }: { index: number; projectId: string; proposal: StoryProposalView }) {
  const [state, onSubmit, pending] = useFormAction(storyProposalAction);
  const id = `proposal-${index}`;
  return (
    <li className="rounded border border-stone-300 p-3 dark:border-stone-600">
      <form onSubmit={onSubmit} aria-labelledby={`${id}-h`}>
        <h4 id={`${id}-h`} className="font-medium">
          Proposal {index}: {proposal.documents.length} documents, similarity {proposal.similarity.toFixed(2)}
        </h4>
        <ul className="mt-1 list-disc pl-6">
          {proposal.documents.map((d) => (
            <li key={d.id}>
              {d.title}
              {d.outlet && <span className="muted"> · {d.outlet}</span>}
              <input type="hidden" name="documentIds" value={d.id} />
            </li>
          ))}
        </ul>
        <input type="hidden" name="projectId" value={projectId} />
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <label className="flex flex-col">
            <span className="label">Story name</span>
            <input name="story" className="input" defaultValue={proposal.name} maxLength={200} autoComplete="off" />
          </label>
          <button type="submit" name="decision" value="accept" className="btn-primary" disabled={pending}>
            Accept as one story
          </button>
          <button type="submit" name="decision" value="dismiss" className="btn" disabled={pending}>
            Dismiss
          </button>
        </div>
        <FormStatus state={state} />
      </form>
    </li>
  );
}
