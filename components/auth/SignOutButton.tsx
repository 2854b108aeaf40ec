"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button
      type="button"
      className="w-full rounded px-3 py-2 text-left text-sm hover:bg-stone-100 dark:hover:bg-stone-800"
      onClick={() => signOut({ callbackUrl: "/login" })}
    >
      Sign out
    </button>
  );
}
