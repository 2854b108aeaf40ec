import type { Metadata } from "next";
import { orNotFound, pageActor } from "@/server/http";
import { listUsers } from "@/server/users";
import { CreateUserForm, UserTable } from "@/components/admin/UserAdmin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await pageActor("/admin/users");
  const users = await orNotFound(listUsers(actor));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Users</h1>
      <CreateUserForm />
      <UserTable users={users} selfId={actor.id} />
    </div>
  );
}
