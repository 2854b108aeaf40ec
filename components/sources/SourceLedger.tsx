"use client";

import { createContext, useContext, useId, useState, useTransition, type FormEvent, type ReactNode } from "react";
import {
  createSourceAction,
  deleteSourceAction,
  linkNamesAction,
  mergeSourcesAction,
  setSourceAttributesAction,
  splitAliasesAction,
  updateSourceAction,
} from "@/app/(app)/projects/[projectId]/sources/actions";
import { FormStatus } from "@/components/ui/FormStatus";
import type { ActionState } from "@/server/action";
import type { SourceLedger, LedgerSource } from "@/server/sources/ledger";

type Ledger = Omit<SourceLedger, "access">;
type Action = (prev: ActionState | null, form: FormData) => Promise<ActionState>;

const MERGE_FORM = "merge-sources";

/**
 * The page's one answer line: a form may be gone once its action succeeds (an approved pending
 * name leaves the list), so each form reports here rather than below itself.
 */
const Answer = createContext<(state: ActionState) => void>(() => {});

/** A form posting to one ledger action, with the project's id; its answer goes to the page's answer line. */
function ActionForm(props: { action: Action; projectId: string; id?: string; label: string; className?: string; children: ReactNode }) {
  const [pending, startTransition] = useTransition();
  const report = useContext(Answer);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    startTransition(async () => report(await props.action(null, form)));
  };
  return (
    <form id={props.id} onSubmit={onSubmit} aria-label={props.label} aria-busy={pending} className={props.className}>
      <input type="hidden" name="projectId" value={props.projectId} />
      {props.children}
    </form>
  );
}

function Choice(props: { name: string; label: string; value: string | null; options: { id: string; label: string }[] }) {
  return (
    <label className="flex flex-col">
      <span className="label">{props.label}</span>
      <select name={props.name} defaultValue={props.value ?? ""} className="input">
        <option value="">Not set</option>
        {props.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const labelOf = (options: { id: string; label: string }[], id: string | null) =>
  id ? (options.find((o) => o.id === id)?.label ?? id) : "not set";
const labels = (n: number) => `${n} label${n === 1 ? "" : "s"}`;

function PendingNames({ ledger, canManage }: { ledger: Ledger; canManage: boolean }) {
  const pid = ledger.project.id;
  return (
    <section aria-labelledby="pending-h" className="card">
      <h2 id="pending-h" className="text-lg font-semibold">
        Pending names <span className="muted text-sm font-normal">({ledger.pending.length})</span>
      </h2>
      <p className="muted text-sm">
        Names typed in labels that no entry knows yet: add each as a new source, or link it to an existing one.
      </p>
      {ledger.pending.length === 0 ? (
        <p className="mt-2 text-sm">Every typed name belongs to an entry.</p>
      ) : (
        <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-700">
          {ledger.pending.map((n) => (
            <li key={n.key} className="flex flex-wrap items-start gap-3 py-2 text-sm">
              <span className="min-w-48 font-medium">
                {n.name} <span className="muted font-normal">({labels(n.labels)})</span>
              </span>
              {canManage && (
                <>
                  <ActionForm action={createSourceAction} projectId={pid} label={`Add “${n.name}” as a new source`}>
                    <input type="hidden" name="name" value={n.name} />
                    <button type="submit" className="btn">
                      Add as new source
                    </button>
                  </ActionForm>
                  {ledger.sources.length > 0 && (
                    <ActionForm
                      action={linkNamesAction}
                      projectId={pid}
                      label={`Link “${n.name}” to a source`}
                      className="flex items-end gap-2"
                    >
                      <input type="hidden" name="names" value={n.name} />
                      <label className="flex items-center gap-2">
                        <span className="whitespace-nowrap">Link to</span>
                        <select name="sourceId" className="input" required defaultValue="" aria-label={`Source to link “${n.name}” to`}>
                          <option value="" disabled>
                            Choose a source…
                          </option>
                          {ledger.sources.map((s) => (
                            <option key={s.id} value={s.id}>
                              {s.name}
                            </option>
                          ))}
                        </select>
                      </label>
                      <button type="submit" className="btn">
                        Link
                      </button>
                    </ActionForm>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function SourceEntry({ s, ledger, canManage }: { s: LedgerSource; ledger: Ledger; canManage: boolean }) {
  const pid = ledger.project.id;
  const hid = useId();
  const splitForm = `split-${s.id}`;
  return (
    <li className="card">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={hid} className="font-semibold">
          {canManage && (
            <input
              type="checkbox"
              name="from"
              value={s.id}
              form={MERGE_FORM}
              className="mr-2"
              aria-label={`Merge “${s.name}” into the kept source`}
            />
          )}
          {s.name}
        </h3>
        <span className="muted text-sm">{labels(s.labels)}</span>
      </div>
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="muted">Type</dt>
        <dd>{labelOf(ledger.types, s.type)}</dd>
        <dt className="muted">Side</dt>
        <dd>{labelOf(ledger.sides, s.side)}</dd>
        {ledger.attributes.map((a) => (
          <FragmentRow key={a} term={a} value={s.attributes[a] ?? "not set"} />
        ))}
      </dl>
      <h4 className="mt-2 text-sm font-semibold">Names ({s.aliases.length})</h4>
      <ul className="text-sm">
        {s.aliases.map((a) => (
          <li key={a.id}>
            {canManage && s.aliases.length > 1 ? (
              <label>
                <input type="checkbox" name="aliasIds" value={a.id} form={splitForm} className="mr-2" />
                {a.name} <span className="muted">({labels(a.labels)})</span>
              </label>
            ) : (
              <>
                {a.name} <span className="muted">({labels(a.labels)})</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {canManage && (
        <div className="mt-2 flex flex-wrap items-start gap-2">
          {s.aliases.length > 1 && (
            <ActionForm action={splitAliasesAction} projectId={pid} id={splitForm} label={`Split names off “${s.name}”`}>
              <button type="submit" className="btn">
                Split ticked names off as a new source
              </button>
            </ActionForm>
          )}
          <ActionForm action={deleteSourceAction} projectId={pid} label={`Delete “${s.name}”`}>
            <input type="hidden" name="sourceId" value={s.id} />
            <button type="submit" className="btn-danger">
              Delete entry
            </button>
          </ActionForm>
        </div>
      )}
      {canManage && (
        <details className="mt-2">
          <summary className="cursor-pointer text-sm">Edit “{s.name}”</summary>
          <ActionForm
            action={updateSourceAction}
            projectId={pid}
            label={`Edit “${s.name}”`}
            className="mt-2 flex flex-wrap items-end gap-2"
          >
            <input type="hidden" name="sourceId" value={s.id} />
            <label className="flex flex-col">
              <span className="label">Canonical name</span>
              <input name="name" defaultValue={s.name} className="input" required maxLength={200} />
            </label>
            <Choice name="type" label="Type" value={s.type} options={ledger.types} />
            <Choice name="side" label="Side" value={s.side} options={ledger.sides} />
            {ledger.attributes.map((a) => (
              <label key={a} className="flex flex-col">
                <span className="label">{a}</span>
                <input name={`attr:${a}`} defaultValue={s.attributes[a] ?? ""} className="input" maxLength={200} />
              </label>
            ))}
            <button type="submit" className="btn-primary">
              Save
            </button>
          </ActionForm>
        </details>
      )}
    </li>
  );
}

function FragmentRow({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt className="muted">{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function SourceLedgerView({ ledger, canManage }: { ledger: Ledger; canManage: boolean }) {
  const pid = ledger.project.id;
  const [answer, setAnswer] = useState<ActionState | null>(null);
  return (
    <Answer.Provider value={setAnswer}>
      <div className="space-y-6">
        <div className="sticky top-0 z-10 bg-white dark:bg-zinc-900" aria-live="polite">
          <FormStatus state={answer} />
        </div>
        <PendingNames ledger={ledger} canManage={canManage} />
        <section aria-labelledby="ledger-h">
          <h2 id="ledger-h" className="mb-2 text-lg font-semibold">
            Ledger{" "}
            <span className="muted text-sm font-normal">
              ({ledger.sources.length} {ledger.sources.length === 1 ? "source" : "sources"})
            </span>
          </h2>
          {canManage && ledger.sources.length > 1 && (
            <ActionForm action={mergeSourcesAction} projectId={pid} id={MERGE_FORM} label="Merge sources" className="card mb-3 text-sm">
              <p className="muted">Tick the entries to merge below, choose the one to keep, and merge: their names move to it.</p>
              <div className="mt-2 flex flex-wrap items-end gap-2">
                <label className="flex flex-col">
                  <span className="label">Keep</span>
                  <select name="into" className="input" required defaultValue="">
                    <option value="" disabled>
                      Choose the source to keep…
                    </option>
                    {ledger.sources.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                </label>
                <button type="submit" className="btn-primary">
                  Merge ticked sources into it
                </button>
              </div>
            </ActionForm>
          )}
          {ledger.sources.length === 0 ? (
            <p className="text-sm">No sources yet.</p>
          ) : (
            <ul className="grid gap-3 md:grid-cols-2">
              {ledger.sources.map((s) => (
                <SourceEntry key={s.id} s={s} ledger={ledger} canManage={canManage} />
              ))}
            </ul>
          )}
        </section>
        {canManage && (
          <section aria-labelledby="attrs-h" className="card">
            <h2 id="attrs-h" className="text-lg font-semibold">
              Attributes
            </h2>
            <ActionForm
              action={setSourceAttributesAction}
              projectId={pid}
              label="Source attributes"
              className="flex flex-wrap items-end gap-2"
            >
              <label className="flex flex-col">
                <span className="label">What the ledger records per source (comma-separated, e.g. gender, institution)</span>
                <input name="attributes" defaultValue={ledger.attributes.join(", ")} className="input" />
              </label>
              <button type="submit" className="btn">
                Save attributes
              </button>
            </ActionForm>
          </section>
        )}
      </div>
    </Answer.Provider>
  );
}
