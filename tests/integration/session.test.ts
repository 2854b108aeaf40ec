import { afterEach, describe, expect, it, vi } from "vitest";
import { decode, encode } from "next-auth/jwt";
import { useTestDatabase } from "../support/db";

// The session cookie getActor reads, through a stand-in for next/headers (there is no request here).
const jar = vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "session-test-secret-session-test-secret";
  return { cookies: [] as { name: string; value: string }[] };
});
vi.mock("next/headers", () => ({ cookies: async () => ({ getAll: () => jar.cookies }) }));
// next-auth's decode, counted.
vi.mock("next-auth/jwt", async (original) => {
  const jwt = await original<typeof import("next-auth/jwt")>();
  return { ...jwt, decode: vi.fn(jwt.decode) };
});

useTestDatabase();

async function signIn(user: { id: string; sessionId: string }, maxAge = 3600) {
  const token = await encode({ token: { uid: user.id, sid: user.sessionId }, secret: process.env.AUTH_SECRET!, maxAge });
  jar.cookies = [{ name: "next-auth.session-token", value: token }];
}

afterEach(() => vi.useRealTimers());

describe("the session behind each request", () => {
  it("is decoded once per process, yet still expires, and its user is still checked on every request", async () => {
    const { getActor, SYSTEM_ACTOR } = await import("@/server/auth/actor");
    const { createUser, setUserDisabled } = await import("@/server/users");
    const { signInWithPassword } = await import("@/server/auth/sign-in");
    const u = await createUser(SYSTEM_ACTOR, { email: "sam@example.org", name: "Sam", password: "a long password" });
    await signIn((await signInWithPassword({ email: "sam@example.org", password: "a long password" }, "192.0.2.1"))!, 3600);
    vi.mocked(decode).mockClear();
    expect(await getActor()).toMatchObject({ id: u.id, email: "sam@example.org" });
    // The same token again: from the process's cache of decoded tokens.
    expect(await getActor()).toMatchObject({ id: u.id });
    expect(decode).toHaveBeenCalledTimes(1);
    // Past its expiry (and jose's 15 s of tolerance) the cached token no longer signs anyone in.
    vi.useFakeTimers({ now: Date.now() + 3600_000 + 60_000, toFake: ["Date"] });
    expect(await getActor()).toBeNull();
    vi.useRealTimers();
    expect(await getActor()).toMatchObject({ id: u.id });
    // Disabling the user ends their sessions: the cached token stops working at once.
    await setUserDisabled(SYSTEM_ACTOR, u.id, true);
    expect(await getActor()).toBeNull();
    // A token that does not decode is nobody.
    jar.cookies = [{ name: "next-auth.session-token", value: "not-a-token" }];
    expect(await getActor()).toBeNull();
  });
});
