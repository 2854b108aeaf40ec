import Link from "next/link";

/** Shown to a project member whose role does not allow the page (403). */
export function NoAccess({ projectRef, message }: { projectRef: string; message: string }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center" data-testid="no-access">
      <p className="text-sm font-semibold text-stone-500">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Reviewers and managers only</h1>
      <p className="muted mt-2">{message}</p>
      <Link href={`/projects/${encodeURIComponent(projectRef)}`} className="btn mt-6">
        Back to the project
      </Link>
    </div>
  );
}
