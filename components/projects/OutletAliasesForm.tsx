"use client";

import { updateOutletAliasesAction } from "@/app/(app)/projects/[projectId]/settings/actions";
import { useFormAction } from "@/components/projects/form";
import { FormStatus } from "@/components/ui/FormStatus";
import { useServerState } from "@/components/projects/SettingsForms";

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;

/**
 * The outlet alias table: per outlet the documents name, its other names ("TRTWorld" for "TRT
 * World"). Reports group a document under its outlet; outlet-blind masking hides all its names.
 */
export function OutletAliasesForm({
  projectId,
  outlets,
}: {
  projectId: string;
  outlets: { outlet: string; aliases: string[]; documents: number }[];
}) {
  const [state, onSubmit, pending] = useFormAction(updateOutletAliasesAction);
  const [v, setV] = useServerState(() => outlets.map((o) => o.aliases.join(", ")), JSON.stringify(outlets));
  return (
    <form onSubmit={onSubmit} className="card space-y-3" aria-labelledby="aliases-h">
      <h2 id="aliases-h" className="text-lg font-semibold">
        Outlet aliases
      </h2>
      <p id="aliases-d" className="muted text-sm">
        Other names of an outlet, separated by commas. Documents whose outlet is an alias count as that outlet in the reports, and
        outlet-blind annotation masks every name of a document&apos;s outlet in its text. To merge two outlets the documents name
        differently, write one as an alias of the other.
      </p>
      <input type="hidden" name="projectId" value={projectId} />
      {outlets.length === 0 ? (
        <p className="text-sm">No document names an outlet yet.</p>
      ) : (
        <table className="w-full text-sm">
          <caption className="sr-only">Outlets and their other names</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-1 pr-3 font-medium">
                Outlet
              </th>
              <th scope="col" className="py-1 font-medium">
                Other names
              </th>
            </tr>
          </thead>
          <tbody>
            {outlets.map((o, i) => (
              <tr key={o.outlet}>
                <th scope="row" className="py-1 pr-3 text-left font-normal">
                  <input type="hidden" name="outlet" value={o.outlet} />
                  {o.outlet} <span className="muted text-xs">({plural(o.documents, "document")})</span>
                </th>
                <td className="py-1">
                  <input
                    name="aliases"
                    aria-label={`Other names of ${o.outlet}`}
                    aria-describedby="aliases-d"
                    value={v[i] ?? ""}
                    onChange={(e) => setV(v.map((x, k) => (k === i ? e.target.value : x)))}
                    className="input w-full"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {outlets.length > 0 && (
        <div>
          <button className="btn-primary" disabled={pending}>
            {pending ? "Saving…" : "Save aliases"}
          </button>
          <FormStatus state={state} />
        </div>
      )}
    </form>
  );
}
