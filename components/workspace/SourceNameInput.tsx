"use client";

import { useEffect, useId, useMemo, useState } from "react";
import { matchNames, sourceNameKey, type NameOption } from "@/lib/sources/names";

/**
 * The source-name field: a combobox (WAI-ARIA 1.2 pattern, list autocomplete) that offers, as the
 * annotator types, the project's approved ledger names and the annotator's own earlier names
 * ("Cavusoglu" finds "Mevlut Cavusoglu"). The offers come from GET …/sources/names, which never
 * includes a colleague's unapproved name. ↓/↑ move through the offers, Enter takes the one
 * highlighted (or the typed text), Escape closes the list, then leaves the field.
 */

/** The project's offers, fetched once per project and page. */
const cache = new Map<string, Promise<NameOption[]>>();
function useNameOptions(projectSlug: string): NameOption[] {
  const [options, setOptions] = useState<NameOption[]>([]);
  useEffect(() => {
    let live = true;
    if (!cache.has(projectSlug))
      cache.set(
        projectSlug,
        fetch(`/api/v1/projects/${encodeURIComponent(projectSlug)}/sources/names`)
          .then((r) => (r.ok ? (r.json() as Promise<{ names: NameOption[] }>) : { names: [] }))
          .then((b) => b.names)
          .catch(() => []),
      );
    void cache.get(projectSlug)!.then((o) => live && setOptions(o));
    return () => {
      live = false;
    };
  }, [projectSlug]);
  return options;
}

export function SourceNameInput(props: {
  id: string;
  projectSlug: string;
  defaultValue: string;
  maxLength?: number;
  describedBy?: string;
  /** Names given earlier in this document (the annotator's own). */
  documentNames: readonly string[];
  commit: (el: HTMLInputElement) => void;
}) {
  const fetched = useNameOptions(props.projectSlug);
  const options = useMemo(() => {
    const seen = new Set(fetched.map((o) => sourceNameKey(o.name)));
    const here = props.documentNames
      .filter((n) => !seen.has(sourceNameKey(n)))
      .map((name) => ({ name, detail: "earlier in this document" }));
    return [...fetched, ...here];
  }, [fetched, props.documentNames]);
  const [query, setQuery] = useState(props.defaultValue);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const matches = open ? matchNames(query, options) : [];
  const shown = matches.length > 0;

  const choose = (el: HTMLInputElement, name: string) => {
    el.value = name;
    setQuery(name);
    setOpen(false);
    setActive(-1);
    props.commit(el);
  };

  return (
    <div className="relative">
      <input
        id={props.id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        defaultValue={props.defaultValue}
        maxLength={props.maxLength}
        className="input mt-1"
        onChange={(e) => {
          setQuery(e.currentTarget.value);
          setOpen(true);
          setActive(-1);
        }}
        onBlur={(e) => {
          setOpen(false);
          props.commit(e.currentTarget);
        }}
        onKeyDown={(e) => {
          const el = e.currentTarget;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            if (!open) setOpen(true);
            const n = matchNames(query, options).length;
            if (n) setActive((i) => (e.key === "ArrowDown" ? (i + 1) % n : i <= 0 ? n - 1 : i - 1));
          } else if (e.key === "Enter") {
            e.preventDefault();
            if (shown && active >= 0) choose(el, matches[active]!.name);
            else {
              setOpen(false);
              props.commit(el);
              el.blur();
            }
          } else if (e.key === "Escape") {
            e.preventDefault();
            if (shown) setOpen(false);
            else {
              props.commit(el);
              el.blur();
            }
          }
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Known source names"
        hidden={!shown}
        className="absolute z-20 mt-1 max-h-60 w-full overflow-auto rounded-md border border-stone-300 bg-white text-sm shadow dark:border-stone-700 dark:bg-stone-900"
      >
        {matches.map((o, i) => (
          <li
            key={o.name}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-2 py-1 ${i === active ? "bg-blue-100 font-medium dark:bg-blue-900" : ""}`}
            // mousedown, not click: the input's blur would close the list first.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(document.getElementById(props.id) as HTMLInputElement, o.name);
            }}
          >
            {i === active && <span aria-hidden="true">› </span>}
            {o.name} <span className="muted text-xs">({o.detail})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
