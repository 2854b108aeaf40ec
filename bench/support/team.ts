/**
 * The team of a seeded benchmark project: the project (with `targets`), a manager
 * (manager@bench.test / bench-password-manager) with a read token, and `annotators` annotators
 * (a<i>@bench.test / bench-password-<i>), created through the services; the database client is
 * closed afterwards, so the caller can write rows with raw statements.
 */
export async function seedTeam(name: string, targets: string[], annotators: number) {
  const { SYSTEM_ACTOR } = await import("@/server/auth/actor");
  const { createUser } = await import("@/server/users");
  const { addMember, createProject } = await import("@/server/projects");
  const { createToken } = await import("@/server/tokens");
  const project = await createProject(SYSTEM_ACTOR, { name, targets });
  const manager = await createUser(SYSTEM_ACTOR, { email: "manager@bench.test", name: "Manager", password: "bench-password-manager" });
  await addMember(SYSTEM_ACTOR, project.id, { email: manager.email, role: "MANAGER" });
  const users: string[] = [];
  for (let i = 0; i < annotators; i++) {
    const u = await createUser(SYSTEM_ACTOR, { email: `a${i}@bench.test`, name: `A${i}`, password: `bench-password-${i}` });
    await addMember(SYSTEM_ACTOR, project.id, { email: u.email, role: "ANNOTATOR" });
    users.push(u.id);
  }
  const { secret } = await createToken(
    { id: manager.id, email: manager.email, name: manager.name, isAdmin: false },
    { name: "bench", scope: "read" },
  );
  const { disconnectDb } = await import("@/server/db/client");
  await disconnectDb();
  return { project, manager, users, token: secret };
}
