import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInWithPassword } from "@/server/auth/sign-in";
import { endSession } from "@/server/auth/sessions";
import { clientAddress } from "@/lib/auth/client-address";
import { env } from "@/lib/env";
import { sameOriginPath } from "@/lib/auth/redirect";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; name: string; isAdmin: boolean };
  }
  interface User {
    sessionId: string;
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    /** The Session row (server/auth/sessions.ts): the cookie is worth only as long as the row lives. */
    sid?: string;
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
      authorize(raw, req) {
        return signInWithPassword(raw, clientAddress(req?.headers, env().trustProxyHops));
      },
    }),
  ],
  events: {
    // Sign-out ends this session on the server too: a copy of the cookie is worth nothing after it.
    async signOut({ token }) {
      if (token?.sid) await endSession(token.sid);
    },
  },
  callbacks: {
    // After sign-in and sign-out: a place on this site, by the same rule as the login page.
    redirect({ url, baseUrl }) {
      return `${baseUrl}${sameOriginPath(url, baseUrl)}`;
    },
    async jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sid = user.sessionId;
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
