import "server-only";
import { getDb } from "@/server/db/client";
import { uniqueOrRetry, writeTransaction } from "@/server/db/transaction";
import type { Actor } from "@/server/auth/actor";
import { hashPassword, verifyPassword } from "@/server/auth/password";
import { endUserSessions } from "@/server/auth/sessions";
import { audit } from "@/server/audit";
import { ConflictError, InvalidError, NotFoundError } from "@/server/errors";
import { parseInput } from "@/server/parse-input";
import { newId } from "@/lib/ids";
import {
  changePasswordInput,
  createUserInput,
  emailSchema,
  passwordSchema,
  userIdSchema,
  type ChangePasswordInput,
  type CreateUserInput,
} from "@/lib/validation/users";

/** Site administration. A non-admin gets "not found" for all of it (the admin area does not exist for them). */
function requireAdmin(actor: Actor) {
  if (!actor.isAdmin) throw new NotFoundError();
}

const publicUserFields = { id: true, email: true, name: true, isAdmin: true, disabled: true, createdAt: true } as const;

export async function listUsers(actor: Actor) {
  requireAdmin(actor);
  const db = await getDb();
  return db.user.findMany({ select: publicUserFields, orderBy: { email: "asc" } });
}

export async function createUser(actor: Actor, input: CreateUserInput) {
  requireAdmin(actor);
  const data = parseInput(createUserInput, input);
  const passwordHash = await hashPassword(data.password);
  return writeTransaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new ConflictError(`A user with the email ${data.email} already exists`);
    }
    // Created concurrently with the same e-mail: the run again finds it and answers 409.
    const user = await uniqueOrRetry(
      tx.user.create({
        data: { id: newId(), email: data.email, name: data.name, passwordHash, isAdmin: data.isAdmin },
        select: publicUserFields,
      }),
    );
    await audit(tx, actor, {
      action: "user.create",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, isAdmin: user.isAdmin },
    });
    return user;
  });
}

async function updateUser(
  actor: Actor,
  userId: string,
  action: string,
  change: { disabled?: boolean; isAdmin?: boolean; passwordHash?: string },
) {
  requireAdmin(actor);
  const id = parseInput(userIdSchema, userId);
  return writeTransaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, select: publicUserFields });
    if (!before) throw new NotFoundError("User not found");
    const after = await tx.user.update({ where: { id }, data: change, select: publicUserFields });
    // Disabling a user or resetting their password ends all their sessions (after the row update: see createSession).
    // Roles need not: every request reads them afresh.
    if (change.disabled || change.passwordHash) await endUserSessions(tx, id);
    await audit(tx, actor, {
      action,
      entityType: "user",
      entityId: id,
      before: { disabled: before.disabled, isAdmin: before.isAdmin },
      after: { disabled: after.disabled, isAdmin: after.isAdmin },
    });
    return after;
  });
}

export async function setUserDisabled(actor: Actor, userId: string, disabled: boolean) {
  requireAdmin(actor);
  if (disabled && userId === actor.id) throw new InvalidError("You cannot disable your own account");
  return updateUser(actor, userId, disabled ? "user.disable" : "user.enable", { disabled });
}

export async function setUserAdmin(actor: Actor, userId: string, isAdmin: boolean) {
  requireAdmin(actor);
  if (!isAdmin && userId === actor.id) throw new InvalidError("You cannot remove your own admin rights");
  return updateUser(actor, userId, isAdmin ? "user.make_admin" : "user.revoke_admin", { isAdmin });
}

export async function resetPassword(actor: Actor, userId: string, password: string) {
  const pw = parseInput(passwordSchema, password);
  return updateUser(actor, userId, "user.reset_password", { passwordHash: await hashPassword(pw) });
}

export async function findUserIdByEmail(actor: Actor, email: string) {
  requireAdmin(actor);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: parseInput(emailSchema, email) }, select: { id: true } });
  if (!user) throw new NotFoundError(`No user with the email ${email}`);
  return user.id;
}

/**
 * The signed-in user changes their own password: the current one is required, the new one follows
 * the same rules as everywhere. Every other session of theirs ends; this one stays. API tokens are
 * not sessions and keep working.
 */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput) {
  if (actor.system || !actor.sessionId) throw new InvalidError("Sign in to change your password");
  const data = parseInput(changePasswordInput, input);
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: actor.id }, select: { passwordHash: true } });
  if (!user) throw new NotFoundError("User not found");
  if (!(await verifyPassword(user.passwordHash, data.currentPassword))) {
    throw new InvalidError("currentPassword: The current password is not correct");
  }
  const passwordHash = await hashPassword(data.newPassword);
  await writeTransaction(async (tx) => {
    // Only over the password just checked: of two changes at once, the second checked a password that is gone.
    const changed = await tx.user.updateMany({ where: { id: actor.id, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (changed.count !== 1) throw new ConflictError("Your password was changed elsewhere at the same moment; sign in again");
    await endUserSessions(tx, actor.id, actor.sessionId);
    await audit(tx, actor, { action: "user.change_password", entityType: "user", entityId: actor.id });
  });
}
