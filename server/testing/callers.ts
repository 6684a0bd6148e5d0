import { createCaller } from "../api/root";
import { createContext } from "../api/trpc";
import { signUp } from "../auth/accounts";
import { db } from "../db";

export type Caller = ReturnType<typeof createCaller>;

/** A caller authenticated exactly as an HTTP request with this header would be. */
export async function callerWithHeaders(headers: Record<string, string>): Promise<Caller> {
  return createCaller(await createContext({ headers: new Headers(headers) }));
}

/** Signs a new user up and returns a caller acting as them through a real API token. */
export async function signedUpCaller(email: string) {
  const user = await signUp(db, { email, password: "correct horse battery" });
  const bootstrap = createCaller({ db, identity: { userId: user.id, via: "session" } });
  const { token } = await bootstrap.apiToken.create({ name: "test" });
  return { user, token, caller: await callerWithHeaders({ authorization: `Bearer ${token}` }) };
}
