import Link from "next/link";

/** The page body for "you are in this project, but your role does not allow this" (403). */
export function Forbidden({ message, backHref, backLabel = "Back to the project" }: { message: string; backHref: string; backLabel?: string }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold text-stone-500">403</p>
      <h1 className="mt-2 text-2xl font-semibold">Not allowed</h1>
      <p role="alert" className="muted mt-2">
        {message}
      </p>
      <Link href={backHref} className="btn mt-6">
        {backLabel}
      </Link>
    </div>
  );
}
