import { hash, verify } from "@node-rs/argon2";
import { env } from "@/lib/env";

// argon2id (Algorithm.Argon2id = 2). 64 MiB and 4 passes: slow enough (over 50 ms a hash) that guessing stays slow.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: env().passwordHashMemoryKib, timeCost: 4, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real verification, so a missing account is not revealed by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword("slant-dummy-password-for-timing");
  await verifyPassword(await dummy, password);
  return false;
}
