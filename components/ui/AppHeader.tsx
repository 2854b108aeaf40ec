import Link from "next/link";
import type { Actor } from "@/server/auth/actor";
import { UserMenu } from "@/components/ui/UserMenu";

export function AppHeader({ actor }: { actor: Actor }) {
  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-stone-900"
      >
        Skip to content
      </a>
      <header className="border-b border-stone-200 bg-white dark:border-stone-800 dark:bg-stone-900">
        <nav aria-label="Main" className="flex h-12 items-center gap-6 px-4">
          <Link href="/projects" className="text-lg font-semibold tracking-tight">
            Slant
          </Link>
          <Link href="/projects" className="text-sm hover:underline">
            Projects
          </Link>
          {actor.isAdmin && (
            <Link href="/admin/users" className="text-sm hover:underline">
              Users
            </Link>
          )}
          <div className="ml-auto">
            <UserMenu name={actor.name} email={actor.email} isAdmin={actor.isAdmin} />
          </div>
        </nav>
      </header>
    </>
  );
}
