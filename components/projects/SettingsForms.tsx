"use client";

import { useState } from "react";
import { updateDetailsAction, updateSettingsAction, updateTargetsAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { useFormAction } from "@/components/projects/form";
import { FormStatus } from "@/components/ui/FormStatus";
import { GuidelinesEditor } from "@/components/projects/GuidelinesEditor";
import { TargetsEditor, targetList, targetProblems, type TargetList } from "@/components/projects/TargetsEditor";
import { OVERLAP_MAX, OVERLAP_MIN } from "@/lib/validation/projects";
import type { StoryRule } from "@/lib/assignment/rules";

/**
 * Form state that starts from the server's values and starts over when they change (after a
 * save, the page is rendered again with what was stored), but not on every re-render.
 */
export function useServerState<T>(init: () => T, signature: string) {
  const [seen, setSeen] = useState(signature);
  const [value, setValue] = useState(init);
  if (seen !== signature) {
    setSeen(signature);
    setValue(init());
  }
  return [value, setValue] as const;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

export function ProjectDetailsForm({
  projectId,
  name,
  description,
  guidelines,
}: {
  projectId: string;
  name: string;
  description: string;
  guidelines: string;
}) {
  const [state, onSubmit, pending] = useFormAction(updateDetailsAction);
  const sig = JSON.stringify([name, description, guidelines]);
  const [v, setV] = useServerState(() => ({ name, description, guidelines }), sig);
  return (
    <form onSubmit={onSubmit} className="card space-y-4" aria-labelledby="details-h">
      <h2 id="details-h" className="text-lg font-semibold">
        Name, description and guidelines
      </h2>
      <input type="hidden" name="projectId" value={projectId} />
      <div>
        <label className="label" htmlFor="pd-name">
          Name
        </label>
        <input
          id="pd-name"
          name="name"
          required
          maxLength={160}
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          className="input"
        />
      </div>
      <div>
        <label className="label" htmlFor="pd-description">
          Description
        </label>
        <textarea
          id="pd-description"
          name="description"
          rows={3}
          maxLength={5000}
          value={v.description}
          onChange={(e) => setV({ ...v, description: e.target.value })}
          className="input"
        />
      </div>
      <GuidelinesEditor value={v.guidelines} onChange={(g) => setV({ ...v, guidelines: g })} />
      <div>
        <button className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save details"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

/** One on/off setting: a labelled checkbox and what it does. */
function SettingCheckbox(p: {
  id: string;
  name: string;
  label: string;
  checked: boolean;
  onChange: (on: boolean) => void;
  children: React.ReactNode;
}) {
  return (
    <div className="flex items-start gap-2">
      <input
        id={p.id}
        name={p.name}
        type="checkbox"
        checked={p.checked}
        onChange={(e) => p.onChange(e.target.checked)}
        aria-describedby={`${p.id}-d`}
        className="mt-1 h-4 w-4"
      />
      <div>
        <label htmlFor={p.id} className="text-sm font-medium">
          {p.label}
        </label>
        <p id={`${p.id}-d`} className="muted text-xs">
          {p.children}
        </p>
      </div>
    </div>
  );
}

const STORY_CHOICES = [
  { value: "none", label: "No rule", description: "stories play no part in who gets which document" },
  {
    value: "within",
    label: "Several versions per annotator",
    description: "an annotator gets the other outlets' versions of stories they began (within-annotator comparison)",
  },
  {
    value: "independent",
    label: "At most one version per annotator",
    description: "an annotator never gets a second version of a story they had (independent judgements)",
  },
] as const;

export function AnnotationSettingsForm(props: {
  projectId: string;
  blind: boolean;
  skipBoilerplate: boolean;
  suggestions: boolean;
  outletBlind: boolean;
  overlap: number;
  storyAssignment: StoryRule | null;
}) {
  const { projectId, blind, skipBoilerplate, suggestions, outletBlind, overlap, storyAssignment } = props;
  const [state, onSubmit, pending] = useFormAction(updateSettingsAction);
  const [v, setV] = useServerState(
    () => ({ blind, skipBoilerplate, suggestions, outletBlind, overlap: String(overlap), storyAssignment: storyAssignment ?? "none" }),
    JSON.stringify([blind, skipBoilerplate, suggestions, outletBlind, overlap, storyAssignment]),
  );
  return (
    <form onSubmit={onSubmit} className="card space-y-4" aria-labelledby="settings-h">
      <h2 id="settings-h" className="text-lg font-semibold">
        Annotation settings
      </h2>
      <input type="hidden" name="projectId" value={projectId} />
      <SettingCheckbox id="ps-blind" name="blind" label="Blind annotation" checked={v.blind} onChange={(on) => setV({ ...v, blind: on })}>
        Annotators see only their own labels, never each other&apos;s, until review.
      </SettingCheckbox>
      <SettingCheckbox
        id="ps-outlet-blind"
        name="outletBlind"
        label="Outlet-blind annotation"
        checked={v.outletBlind}
        onChange={(on) => setV({ ...v, outletBlind: on })}
      >
        Annotators never see a document&apos;s outlet, author or URL, and the outlet&apos;s names (with its aliases below) and the
        author&apos;s in the text read [outlet] and [author] for them. The stored text does not change; reviewers and managers see
        everything. Annotators cannot read reports or export while it is on.
      </SettingCheckbox>
      <SettingCheckbox
        id="ps-boilerplate"
        name="skipBoilerplate"
        label="Skip boilerplate"
        checked={v.skipBoilerplate}
        onChange={(on) => setV({ ...v, skipBoilerplate: on })}
      >
        Sentences detected as boilerplate (bylines, captions, &quot;read more&quot; lines) are skipped in the workspace and not counted in
        progress.
      </SettingCheckbox>
      <SettingCheckbox
        id="ps-suggestions"
        name="suggestions"
        label="Machine suggestions"
        checked={v.suggestions}
        onChange={(on) => setV({ ...v, suggestions: on })}
      >
        Suggested labels (sourcing, source, quotes and cue as evidence) are computed and shown to annotators as values to accept or change.
        Turn off for studies that need unaided judgements: nothing is computed or shown, and exports say so.
      </SettingCheckbox>
      <div>
        <label className="label" htmlFor="ps-overlap">
          Overlap (annotators per document)
        </label>
        <input
          id="ps-overlap"
          name="overlap"
          type="number"
          inputMode="numeric"
          min={OVERLAP_MIN}
          max={OVERLAP_MAX}
          step={1}
          required
          value={v.overlap}
          onChange={(e) => setV({ ...v, overlap: e.target.value })}
          aria-describedby="ps-overlap-d"
          className="input w-24"
        />
        <p id="ps-overlap-d" className="muted mt-1 text-xs">
          How many annotators label each document ({OVERLAP_MIN}–{OVERLAP_MAX}); at least 2 are needed to measure agreement.
        </p>
      </div>
      <fieldset>
        <legend className="label">Stories in Next document</legend>
        <p id="ps-story-d" className="muted mb-1 text-xs">
          Next document always balances outlets for each annotator. A story is the set of documents about one event; when no document left
          meets the rule, the annotator gets the best one left and the progress page says why.
        </p>
        {STORY_CHOICES.map((c) => (
          <label key={c.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name="storyAssignment"
              value={c.value}
              checked={v.storyAssignment === c.value}
              onChange={() => setV({ ...v, storyAssignment: c.value })}
              aria-describedby="ps-story-d"
              className="mt-1"
            />
            <span>
              <strong>{c.label}</strong> — {c.description}
            </span>
          </label>
        ))}
      </fieldset>
      <div>
        <button className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Save settings"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}

export function TargetsForm({
  projectId,
  targets,
}: {
  projectId: string;
  targets: { id: string; key: string; name: string; labels: number }[];
}) {
  const [state, onSubmit, pending] = useFormAction(updateTargetsAction);
  const sig = JSON.stringify(targets);
  const [list, setList] = useServerState<TargetList>(() => targetList(targets), sig);
  const [confirmed, setConfirmed] = useServerState(() => false, sig);
  const losing = list.removed.filter((t) => t.labels > 0);
  const labels = losing.reduce((n, t) => n + t.labels, 0);
  const invalid = targetProblems(list.items).size > 0;
  return (
    <form onSubmit={onSubmit} className="card space-y-3" aria-labelledby="targets-form-h">
      <h2 id="targets-form-h" className="text-lg font-semibold">
        Targets
      </h2>
      <p className="muted text-sm">Renaming a target keeps its labels (they refer to its key). Removing one deletes its labels.</p>
      <input type="hidden" name="projectId" value={projectId} />
      <input
        type="hidden"
        name="targets"
        value={JSON.stringify(list.items.map((t) => ({ ...(t.id ? { id: t.id } : {}), name: t.name.trim() })))}
      />
      <TargetsEditor value={list} onChange={setList} existing />
      {(labels > 0 || (state?.confirm && list.removed.length > 0)) && (
        <div className="rounded-md border border-red-700 p-3 text-sm" role="group" aria-labelledby="targets-confirm-h">
          <p id="targets-confirm-h" className="font-medium text-red-800 dark:text-red-300">
            <span aria-hidden="true">⚠ </span>
            Saving deletes {plural(state?.confirm?.labels ?? labels, "label")}:{" "}
            {(state?.confirm?.targets ?? losing).map((t) => `${t.name} (${plural(t.labels, "label")})`).join(", ")}. This cannot be undone.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <input
              id="targets-confirm"
              name="confirmLabelDeletion"
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
              className="h-4 w-4"
            />
            <label htmlFor="targets-confirm">Yes, delete these labels with the removed targets</label>
          </div>
        </div>
      )}
      <div>
        <button className="btn-primary" disabled={pending || invalid}>
          {pending ? "Saving…" : "Save targets"}
        </button>
        <FormStatus state={state} />
      </div>
    </form>
  );
}
