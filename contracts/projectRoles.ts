import { z } from "zod";

export const ROLES = ["viewer", "editor", "owner"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** owner > editor > viewer: a role satisfies any requirement at or below it. */
export function roleSatisfies(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}

export function parseRole(value: string): Role {
  return roleSchema.parse(value);
}
