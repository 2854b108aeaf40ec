import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getSourceLedger } from "@/server/sources/ledger";
import { SourceLedgerView } from "@/components/sources/SourceLedger";

export const metadata: Metadata = { title: "Sources" };

export default async function SourcesPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/sources`);
  const { access, ...ledger } = await orNotFound(getSourceLedger(actor, projectId));
  return (
    <>
      <nav aria-label="Breadcrumb" className="muted mb-1 text-sm">
        <Link href={`/projects/${ledger.project.slug}`} className="hover:underline">
          {ledger.project.name}
        </Link>
        <span aria-hidden> › </span>Sources
      </nav>
      <h1 className="mb-2 text-2xl font-semibold">Sources</h1>
      <p className="muted mb-6 max-w-3xl text-sm">
        The project&apos;s source ledger. Labels keep the name each annotator typed; the ledger says which names are one source, so merging
        entries or splitting a name off changes no label. Reports group sources by entry.
      </p>
      <SourceLedgerView ledger={ledger} canManage={access.role === "MANAGER"} />
    </>
  );
}
