import { createCaller } from "../api/root";
import { createContext } from "../api/trpc";
import { signUp } from "../auth/accounts";
import { startSession } from "../auth/sessions";
import { db } from "../db";

export type Caller = ReturnType<typeof createCaller>;

/** A caller authenticated exactly as an HTTP request with this header would be. */
export async function callerWithHeaders(headers: Record<string, string>): Promise<Caller> {
  return createCaller(await createContext({ headers: new Headers(headers) }));
}

/** Signs a new user up and returns a caller acting as them through a real API token. */
export async function signedUpCaller(email: string) {
  const user = await signUp(db, { email, password: "correct horse battery" });
  // API tokens are minted from a browser session only, so the bootstrap caller holds a real one.
  const identity = { userId: user.id, via: "session" as const, sessionId: await startSession(db, user.id) };
  const bootstrap = createCaller({ db, identity, clientAddress: "127.0.0.1", sameOrigin: true });
  const { token } = await bootstrap.apiToken.create({ name: "test" });
  return { user, token, caller: await callerWithHeaders({ authorization: `Bearer ${token}` }) };
}
