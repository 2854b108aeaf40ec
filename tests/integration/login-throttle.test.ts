import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/db";
import { SYSTEM_ACTOR } from "@/server/auth/actor";
import { createUser } from "@/server/users";
import { getDb } from "@/server/db/client";
import { signInWithPassword } from "@/server/auth/sign-in";
import {
  ACCOUNT_DELAY_MAX_MS,
  ADDRESS_MAX_FAILURES,
  LOGIN_WINDOW_MS,
  PAIR_MAX_FAILURES,
  accountDelayMs,
  pruneLoginFailures,
} from "@/server/auth/rate-limit";
import { SOCKET_ADDRESS_HEADER, clientAddress } from "@/lib/auth/client-address";

useTestDatabase();

const ATTACKER = "203.0.113.66";
const OWNER = "198.51.100.7";

/** Signs in from `address` at `now`, recording the delays it would have waited instead of waiting. */
function attempt(email: string, password: string, address: string, now = new Date()) {
  const delays: number[] = [];
  const result = signInWithPassword({ email, password }, address, {
    now,
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
  return { result, delays };
}

async function failures(email: string, address: string, n: number, now = new Date()) {
  for (let i = 0; i < n; i++) expect(await attempt(email, `wrong password ${i}`, address, now).result).toBeNull();
}

describe("the client address", () => {
  const headers = (xff?: string) => ({ [SOCKET_ADDRESS_HEADER]: "10.0.0.2", ...(xff ? { "x-forwarded-for": xff } : {}) });

  it("is the socket's address with no trusted proxy, whatever X-Forwarded-For says", () => {
    expect(clientAddress(headers(), 0)).toBe("10.0.0.2");
    expect(clientAddress(headers("1.2.3.4"), 0)).toBe("10.0.0.2");
    expect(clientAddress(headers("1.2.3.4, 5.6.7.8"), 0)).toBe("10.0.0.2");
  });

  it("is the Nth address from the right of X-Forwarded-For behind N proxies", () => {
    // One proxy appends the address it saw; whatever the client sent stays on the left.
    expect(clientAddress(headers("198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress(headers("1.2.3.4, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientAddress({ ...headers(), "x-forwarded-for": ["1.2.3.4", "198.51.100.7, 10.0.0.1"] }, 2)).toBe("198.51.100.7");
    // Fewer entries than hops: the furthest one known.
    expect(clientAddress(headers("198.51.100.7"), 3)).toBe("198.51.100.7");
    expect(clientAddress(headers(), 2)).toBe("10.0.0.2");
  });

  it("writes IPv4 addresses one way", () => {
    expect(clientAddress({ [SOCKET_ADDRESS_HEADER]: "::ffff:127.0.0.1" }, 0)).toBe("127.0.0.1");
    expect(clientAddress({}, 0)).toBe("unknown");
  });

  it("with hops 0, a spoofed X-Forwarded-For does not escape the address's lock", async () => {
    await createUser(SYSTEM_ACTOR, { email: "xff@example.org", name: "X", password: "xff password 1" });
    for (let i = 0; i < PAIR_MAX_FAILURES; i++) {
      const address = clientAddress({ [SOCKET_ADDRESS_HEADER]: ATTACKER, "x-forwarded-for": `192.0.2.${i}` }, 0);
      expect(await attempt("xff@example.org", "wrong password", address).result).toBeNull();
    }
    const spoofed = clientAddress({ [SOCKET_ADDRESS_HEADER]: ATTACKER, "x-forwarded-for": "192.0.2.200" }, 0);
    await expect(attempt("xff@example.org", "xff password 1", spoofed).result).rejects.toThrow(/Too many failed sign-in attempts/);
  });
});

describe("sign-in rate limits", () => {
  it("locks the attacker's address for an account, and the owner elsewhere still signs in", async () => {
    const admin = await createUser(SYSTEM_ACTOR, { email: "root@example.org", name: "Root", password: "root password 1", isAdmin: true });
    await failures("root@example.org", ATTACKER, PAIR_MAX_FAILURES);
    // The attacker's address is locked for this account, even with the right password.
    for (const password of ["another guess", "root password 1"]) {
      await expect(attempt("root@example.org", password, ATTACKER).result).rejects.toThrow(
        /Too many failed sign-in attempts. Try again in 1[45] minutes/,
      );
    }
    // An unknown account locks the same way: the lock does not reveal whether the account exists.
    await failures("ghost@example.org", ATTACKER, PAIR_MAX_FAILURES);
    await expect(attempt("ghost@example.org", "whatever", ATTACKER).result).rejects.toThrow(/Too many failed/);
    // The owner, from another address, signs in: slowed down, never locked out.
    const owner = attempt("root@example.org", "root password 1", OWNER);
    expect(await owner.result).toMatchObject({ id: admin.id });
    expect(owner.delays).toEqual([ACCOUNT_DELAY_MAX_MS]);
    // After the window the attacker's address may try again.
    const later = new Date(Date.now() + LOGIN_WINDOW_MS + 1000);
    expect(await attempt("root@example.org", "still wrong", ATTACKER, later).result).toBeNull();
  });

  it("slows guessing at an account with a delay that grows with its failures from any address, and is capped", async () => {
    expect([0, 4, 5, 6, 7, 8, 9, 10, 50].map(accountDelayMs)).toEqual([0, 0, 250, 500, 1000, 2000, 4000, 8000, 8000]);
    await createUser(SYSTEM_ACTOR, { email: "slow@example.org", name: "Slow", password: "slow password 1" });
    const seen: number[] = [];
    for (let i = 0; i < 8; i++) {
      const a = attempt("slow@example.org", "wrong password", `192.0.2.${i}`);
      expect(await a.result).toBeNull();
      seen.push(a.delays[0] ?? 0);
    }
    expect(seen).toEqual([0, 0, 0, 0, 0, 250, 500, 1000]);
    // Every address counts toward the account's delay, none is locked on its own.
    const owner = attempt("slow@example.org", "slow password 1", OWNER);
    expect(await owner.result).not.toBeNull();
    expect(owner.delays).toEqual([2000]);
  });

  it("limits one address across accounts", async () => {
    const spray = "203.0.113.99";
    for (let i = 0; i < ADDRESS_MAX_FAILURES; i++) {
      expect(await attempt(`victim${i}@example.org`, "Summer2026!", spray).result).toBeNull();
    }
    await createUser(SYSTEM_ACTOR, { email: "fresh@example.org", name: "Fresh", password: "fresh password 1" });
    await expect(attempt("fresh@example.org", "fresh password 1", spray).result).rejects.toThrow(/Too many failed/);
    // Another address is not affected.
    expect(await attempt("fresh@example.org", "fresh password 1", OWNER).result).not.toBeNull();
  });

  it("a success from an address clears that address's failures for the account", async () => {
    await createUser(SYSTEM_ACTOR, { email: "typo@example.org", name: "Typo", password: "typo password 1" });
    await failures("typo@example.org", OWNER, PAIR_MAX_FAILURES - 1);
    expect(await attempt("typo@example.org", "typo password 1", OWNER).result).not.toBeNull();
    await failures("typo@example.org", OWNER, PAIR_MAX_FAILURES - 1);
    expect(await attempt("typo@example.org", "typo password 1", OWNER).result).not.toBeNull();
  });

  it("counts concurrent guesses against each other: no more than the limit get their password checked", async () => {
    await createUser(SYSTEM_ACTOR, { email: "burst@example.org", name: "Burst", password: "burst password 1" });
    const burst = await Promise.allSettled(
      Array.from({ length: 3 * PAIR_MAX_FAILURES }, (_, i) => attempt("burst@example.org", `guess ${i}`, ATTACKER).result),
    );
    const checked = burst.filter((r) => r.status === "fulfilled").length;
    expect(checked).toBeLessThanOrEqual(PAIR_MAX_FAILURES);
    expect(burst.filter((r) => r.status === "rejected").length).toBe(3 * PAIR_MAX_FAILURES - checked);
  });

  it("keeps failures in a table of their own, not in the audit log, and prunes them after the window", async () => {
    const db = await getDb();
    const before = await db.auditEvent.count();
    const then = new Date(Date.now() - LOGIN_WINDOW_MS - 60_000);
    await failures("old@example.org", "192.0.2.50", 3, then);
    expect(await db.auditEvent.count()).toBe(before);
    expect(await db.loginFailure.count({ where: { email: "old@example.org" } })).toBe(3);
    // A failure now prunes what has left the window.
    await failures("new@example.org", "192.0.2.51", 1);
    expect(await db.loginFailure.count({ where: { email: "old@example.org" } })).toBe(0);
    expect(await db.loginFailure.count({ where: { email: "new@example.org" } })).toBe(1);
    expect(await pruneLoginFailures(new Date(Date.now() + 3 * LOGIN_WINDOW_MS))).toBeGreaterThanOrEqual(1);
    expect(await db.loginFailure.count()).toBe(0);
  });
});
