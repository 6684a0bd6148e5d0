/** Prisma's P2002: an insert or update refused by a unique index (someone else got there first). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
