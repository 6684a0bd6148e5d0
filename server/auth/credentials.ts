import { z } from "zod";
import { weakPasswordReason } from "./passwordStrength";

/** The sign-up / sign-in form contract, shared by the API and the pages. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address, like ada@example.com." }));

export const newPasswordSchema = z
  .string()
  .min(8, { message: "Use at least 8 characters for your password." })
  .max(200, { message: "Passwords are limited to 200 characters." });

/** Adds the strength check to a form whose new password lives at `field`, knowing the user's own words. */
function strongPassword(password: string, userInputs: string[], field: string, ctx: z.RefinementCtx) {
  const reason = weakPasswordReason(password, userInputs);
  if (reason) ctx.addIssue({ code: "custom", path: [field], message: reason });
}

export const signUpSchema = z
  .object({
    email: emailSchema,
    password: newPasswordSchema,
    name: z.string().trim().max(100).optional(),
  })
  .superRefine((input, ctx) => strongPassword(input.password, [input.email, input.name ?? ""], "password", ctx));

/** The current password is checked again so a borrowed, still-open session cannot lock the owner out. */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { message: "Enter your current password." }).max(200),
    newPassword: newPasswordSchema,
  })
  .superRefine((input, ctx) => strongPassword(input.newPassword, [input.currentPassword], "newPassword", ctx));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
