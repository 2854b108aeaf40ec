import type { Metadata } from "next";
import { pageActor } from "@/server/http";
import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";
import { PASSWORD_MIN } from "@/lib/validation/users";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  await pageActor("/settings/password");
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold">Change password</h1>
        <p className="muted mt-1 max-w-3xl text-sm">
          At least {PASSWORD_MIN} characters and not one of the most common passwords. Changing it signs you out everywhere else (other
          browsers and devices); this one stays signed in. API tokens keep working: revoke them under API tokens.
        </p>
      </div>
      <ChangePasswordForm />
    </>
  );
}
