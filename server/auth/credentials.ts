import { z } from "zod";

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

export const signUpSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: z.string().trim().max(100).optional(),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});
