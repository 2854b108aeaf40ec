"use client";

import { useState } from "react";
import { createProjectAction } from "@/app/(app)/projects/new/actions";
import { useFormAction } from "@/components/projects/form";
import { FormStatus } from "@/components/ui/FormStatus";
import { GuidelinesEditor } from "@/components/projects/GuidelinesEditor";
import { TargetsEditor, targetProblems, type TargetList } from "@/components/projects/TargetsEditor";

export interface TemplateOption {
  id: string;
  name: string;
  description: string;
}

export function CreateProjectForm({ templates, defaultTemplate }: { templates: TemplateOption[]; defaultTemplate: string }) {
  const [state, onSubmit, pending] = useFormAction(createProjectAction);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [guidelines, setGuidelines] = useState("");
  const [template, setTemplate] = useState(defaultTemplate);
  const [targets, setTargets] = useState<TargetList>({ items: [], removed: [] });
  const invalidTargets = targetProblems(targets.items).size > 0;

  return (
    <form onSubmit={onSubmit} className="space-y-6" aria-labelledby="new-project-h">
      <h1 id="new-project-h" className="text-2xl font-semibold">
        New project
      </h1>
      <section className="card space-y-4" aria-labelledby="np-about-h">
        <h2 id="np-about-h" className="text-lg font-semibold">
          About
        </h2>
        <div>
          <label className="label" htmlFor="np-name">
            Name
          </label>
          <input
            id="np-name"
            name="name"
            required
            maxLength={160}
            value={name}
            onChange={(e) => setName(e.target.value)}
            className="input"
          />
        </div>
        <div>
          <label className="label" htmlFor="np-description">
            Description <span className="muted font-normal">(optional)</span>
          </label>
          <textarea
            id="np-description"
            name="description"
            rows={3}
            maxLength={5000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            className="input"
          />
        </div>
        <div>
          <label className="label" htmlFor="np-slug">
            Address <span className="muted font-normal">(optional)</span>
          </label>
          <input
            id="np-slug"
            name="slug"
            maxLength={60}
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            aria-describedby="np-slug-hint"
            className="input max-w-sm"
          />
          <p id="np-slug-hint" className="muted mt-1 text-xs">
            The project&apos;s URL name, e.g. <code>election-2026</code>: lowercase letters, digits and dashes. Left empty, it is made from
            the name.
          </p>
        </div>
      </section>

      <section className="card space-y-3" aria-labelledby="np-targets-h">
        <h2 id="np-targets-h" className="text-lg font-semibold">
          Targets
        </h2>
        <p className="muted text-sm">
          Annotators judge each sentence&apos;s stance toward each target. You can change them later in the project&apos;s settings.
        </p>
        <TargetsEditor value={targets} onChange={setTargets} />
        <input type="hidden" name="targets" value={JSON.stringify(targets.items.map((t) => t.name.trim()))} />
      </section>

      <fieldset className="card space-y-2">
        <legend className="float-left mb-2 w-full text-lg font-semibold">Label schema</legend>
        <p className="muted clear-both text-sm">The dimensions and values annotators choose from. You can edit it later in the settings.</p>
        {templates.map((t) => (
          <div key={t.id} className="flex items-start gap-2">
            <input
              type="radio"
              id={`np-template-${t.id}`}
              name="template"
              value={t.id}
              checked={template === t.id}
              onChange={() => setTemplate(t.id)}
              aria-describedby={`np-template-${t.id}-d`}
              className="mt-1 h-4 w-4"
            />
            <label htmlFor={`np-template-${t.id}`} className="text-sm">
              <span className="font-medium">
                {t.name}
                {t.id === defaultTemplate ? " (default)" : ""}
              </span>
              <span id={`np-template-${t.id}-d`} className="muted block">
                {t.description}
              </span>
            </label>
          </div>
        ))}
      </fieldset>

      <section className="card">
        <GuidelinesEditor value={guidelines} onChange={setGuidelines} />
      </section>

      <div>
        <button className="btn-primary" disabled={pending || invalidTargets} aria-describedby={invalidTargets ? "np-blocked" : undefined}>
          {pending ? "Creating…" : "Create project"}
        </button>
        {invalidTargets && (
          <p id="np-blocked" className="mt-2 text-sm text-red-800 dark:text-red-300">
            ⚠ Fix the target names marked above first.
          </p>
        )}
        <FormStatus state={state} />
      </div>
    </form>
  );
}
