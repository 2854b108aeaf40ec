"use server";

import { authenticatedAction, formText } from "@/server/action";
import { changeOwnPassword } from "@/server/users";
import { changePasswordInput } from "@/lib/validation/users";

export const changePasswordAction = authenticatedAction({
  name: "change password",
  schema: changePasswordInput,
  input: (form) => ({
    currentPassword: formText(form, "currentPassword"),
    newPassword: formText(form, "newPassword"),
    confirmPassword: formText(form, "confirmPassword"),
  }),
  run: async (input, { actor }) => {
    await changeOwnPassword(actor, input);
    return "Password changed. You stay signed in here; every other browser signed in as you has been signed out.";
  },
});
