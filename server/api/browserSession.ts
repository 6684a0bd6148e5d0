import { TRPCError } from "@trpc/server";
import type { Identity } from "../auth/requestIdentity";

/**
 * Account-level actions (minting tokens, changing the password, ending sessions) belong to a person
 * signed in in a browser: an API token that leaked must not be able to lock its owner out or mint
 * more tokens.
 */
export function requireBrowserSession(identity: Identity, action: string): void {
  if (identity.via !== "session") {
    throw new TRPCError({ code: "FORBIDDEN", message: `${action} only while signed in to Vajra, not with an API token.` });
  }
}
