import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24 text-center">
      <p className="text-sm font-semibold text-stone-500">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="muted mt-2">It does not exist, or you do not have access to it.</p>
      <Link href="/projects" className="btn mt-6">
        Back to your projects
      </Link>
    </main>
  );
}
