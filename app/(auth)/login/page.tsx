import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getActor } from "@/server/auth/actor";
import { LoginForm } from "@/components/auth/LoginForm";
import { sameOriginPath } from "@/lib/auth/redirect";

export const metadata: Metadata = { title: "Sign in" };

/** The site's origin: NEXTAUTH_URL when set, else the host this request was sent to. */
async function siteOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("x-forwarded-host") ?? h.get("host")}`;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  // Only places on this site are followed after sign-in (here and by the form).
  const callbackUrl = sameOriginPath((await searchParams).callbackUrl, await siteOrigin());
  if (await getActor()) redirect(callbackUrl);
  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-6">
      <h1 className="text-3xl font-semibold tracking-tight">Slant</h1>
      <p className="muted mb-8 mt-1">Annotate news for stance, sourcing and loaded language.</p>
      <LoginForm callbackUrl={callbackUrl} />
    </main>
  );
}
