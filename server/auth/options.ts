import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "@/server/db/client";
import { verifyAgainstDummy, verifyPassword } from "@/server/auth/password";
import { assertNotLocked, clientIp, recordLoginFailure } from "@/server/auth/rate-limit";
import { sameOriginPath } from "@/lib/auth/redirect";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; isAdmin: boolean };
  }
  interface User {
    sessionVersion: number;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}

export const SESSION_MAX_AGE_S = 30 * 24 * 3600;

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const { email, password } = parsed.data;
        const db = await getDb();
        const ip = clientIp(req?.headers as Record<string, string> | undefined);
        // Locked accounts and addresses get the lock message (thrown: next-auth passes it to the page).
        await assertNotLocked(db, email, ip);
        const user = await db.user.findUnique({ where: { email } });
        const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
        // One outcome for every failure: the sign-in page shows one generic message.
        if (!user || !ok || user.disabled) {
          await recordLoginFailure(db, email, ip);
          return null;
        }
        return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    // After sign-in and sign-out: a place on this site, by the same rule as the login page.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    async session({ session, token }) {
      // The database is checked on every server-side use (getActor); this is only for display.
      session.user = { id: token.uid ?? "", email: token.email ?? "", name: token.name ?? "", isAdmin: false };
      return session;
    },
  },
};
