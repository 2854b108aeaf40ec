import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/server/auth/actor";
import { LoginForm } from "@/components/auth/LoginForm";

export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths are followed after sign-in. */
function safeCallback(raw: string | string[] | undefined): string {
  const v = Array.isArray(raw) ? raw[0] : raw;
  return v && v.startsWith("/") && !v.startsWith("//") ? v : "/projects";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallback((await searchParams).callbackUrl);
  if (await getActor()) redirect(callbackUrl);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Slant</h1>
      <p className="muted mb-8 mt-1">Annotate news for stance, sourcing and loaded language.</p>
      <LoginForm callbackUrl={callbackUrl} />
    </main>
  );
}
