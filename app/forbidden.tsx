import Link from "next/link";

/** 403: a member whose role does not allow this page (non-members get the 404 page instead). */
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center" data-testid="no-access">
      <p className="text-sm font-semibold text-stone-500">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Not available to you</h1>
      <p className="muted mt-2">Your role in this project does not allow this page. A project manager can change your role.</p>
      <Link href="/projects" className="btn mt-6">
        Back to your projects
      </Link>
    </main>
  );
}
