import "server-only";
import { headers } from "next/headers";
import { db } from "../db";
import { identifyRequest } from "./requestIdentity";

/** The signed-in user for a server component, or null. */
export async function getCurrentUser() {
  const identity = await identifyRequest(db, await headers());
  if (!identity || identity === "invalid-token") return null;
  return db.user.findUnique({ where: { id: identity.userId }, select: { id: true, email: true, name: true } });
}
