"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { SignOutButton } from "@/components/auth/SignOutButton";

const ITEM = "block w-full rounded px-3 py-2 text-left text-sm hover:bg-stone-100 dark:hover:bg-stone-800";

/** The signed-in user's menu: a native disclosure, so it works with keyboard and screen readers. */
export function UserMenu({ name, email, isAdmin }: { name: string; email: string; isAdmin: boolean }) {
  // The header stays mounted across client navigation: a page chosen from the menu closes it.
  const menu = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <details ref={menu} className="relative">
      <summary
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-stone-100 dark:hover:bg-stone-800"
        aria-label={`Account menu for ${name}`}
      >
        <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-blue-700 text-xs font-semibold text-white">
          {name.slice(0, 1).toUpperCase()}
        </span>
        <span>{name}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-64 rounded-md border border-stone-200 bg-white p-1 shadow-lg dark:border-stone-700 dark:bg-stone-900">
        <div className="px-3 py-2 text-sm">
          <div className="font-medium">{name}</div>
          <div className="muted truncate">{email}</div>
          {isAdmin && <div className="mt-1 text-xs font-semibold uppercase tracking-wide text-blue-700 dark:text-blue-300">Site admin</div>}
        </div>
        <hr className="my-1 border-stone-200 dark:border-stone-700" />
        <Link href="/settings/password" className={ITEM}>
          Change password
        </Link>
        <Link href="/settings/tokens" className={ITEM}>
          API tokens
        </Link>
        <SignOutButton />
      </div>
    </details>
  );
}
