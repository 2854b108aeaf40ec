import type { Metadata } from "next";
import Link from "next/link";
import { orNotFound, pageActor } from "@/server/http";
import { getProjectOverview } from "@/server/projects";
import { ExportForm } from "@/components/export/ExportForm";

export const metadata: Metadata = { title: "Export labels" };

export default async function ExportPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const actor = await pageActor(`/projects/${encodeURIComponent(projectId)}/export`);
  const { project, access } = await orNotFound(getProjectOverview(actor, projectId));
  const ownOnly = project.blind && access.role === "ANNOTATOR";
  const isManager = access.role === "MANAGER";
  const outletBlind = project.outletBlindAt !== null && access.role === "ANNOTATOR";
  const annotators = ownOnly
    ? []
    : project.members
        .filter((m) => m.role === "ANNOTATOR" || m.role === "REVIEWER" || m.role === "MANAGER")
        .map((m) => ({ id: m.user.id, label: isManager ? `${m.user.name} (${m.user.email})` : m.user.name }));
  return (
    <>
      <div className="mb-6">
        <p className="text-sm">
          <Link href={`/projects/${project.slug}`} className="hover:underline">
            ← {project.name}
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold">Export labels</h1>
        <p className="muted mt-1 max-w-3xl text-sm">
          One record per sentence with every annotator&apos;s labels (pseudonymised as annotator_1, annotator_2… within each export), the
          gold and majority labels. Offsets are Unicode code points, so Python&apos;s <code>text[start:end]</code> gives the sentence or
          span.
        </p>
        {ownOnly && (
          <p className="card mt-3 max-w-3xl text-sm" role="note">
            This project is blind: your export holds only your own labels, without gold or majority labels.
          </p>
        )}
      </div>
      {outletBlind ? (
        <p className="card max-w-3xl text-sm" role="note">
          This project is outlet-blind: exports hold the documents&apos; outlets, authors and full text, so only reviewers and managers can
          export.
        </p>
      ) : (
        <ExportForm projectRef={project.slug} annotators={annotators} canExportEmails={isManager} />
      )}
    </>
  );
}
