import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { db } from "../db";
import { authSecret, env } from "../env";
import { authenticate, findOrCreateOAuthUser } from "./accounts";
import { sameSiteRedirect } from "@/contracts/callbackUrl";
import { endSession, SESSION_MAX_AGE_SECONDS, sessionIsLive, startSession } from "./sessions";

/** Thrown from the jwt callback: next-auth then clears the cookie instead of refreshing it. */
class SessionEndedError extends Error {}

function oauthProviders(): NextAuthOptions["providers"] {
  if (!env.GITHUB_ID || !env.GITHUB_SECRET) return [];
  return [GitHubProvider({ clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET })];
}

/** Names of the OAuth providers switched on by environment variables, for the sign-in page. */
export function enabledOAuthProviders(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}

export const authOptions: NextAuthOptions = {
  secret: authSecret,
  // Credentials sign-in requires JWT sessions in next-auth 4. The token carries the user id and
  // the id of a server-side UserSession row, so a session can be revoked before the JWT expires.
  // Cookies are `Secure` (and `__Secure-` prefixed) whenever NEXTAUTH_URL is https (next-auth's default).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  // Errors (OAuth failures, a refused callback) land on our sign-in page, not next-auth's built-in
  // HTML page, which API responses' deny-all CSP would leave unstyled.
  pages: { signIn: "/signin", error: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      authorize: (credentials) => authenticate(db, credentials),
    }),
    ...oauthProviders(),
  ],
  callbacks: {
    async signIn({ account, profile, user }) {
      if (!account || account.type !== "oauth") return true;
      const email = profile?.email ?? user.email;
      if (!email) return "/signin?error=OAuthNoEmail";
      const dbUser = await findOrCreateOAuthUser(db, {
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        email,
        name: profile?.name ?? user.name,
      });
      user.id = dbUser.id;
      return true;
    },
    async jwt({ token, user }) {
      if (user) return { ...token, sub: user.id, sid: await startSession(db, user.id) };
      if (!token.sub || !token.sid || !(await sessionIsLive(db, token.sid, token.sub))) {
        throw new SessionEndedError("This session was signed out.");
      }
      return token;
    },
    redirect({ url, baseUrl }) {
      return sameSiteRedirect(url, baseUrl);
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub ?? "" } };
    },
  },
  events: {
    // Sign-out deletes the session row, so a copy of the cookie taken earlier stops working too.
    async signOut({ token }) {
      if (token?.sid) await endSession(db, token.sid);
    },
  },
  logger: {
    error(code, metadata) {
      // A revoked session is expected (signed out elsewhere), not a server fault worth a stack trace.
      if (code === "JWT_SESSION_ERROR" && metadata instanceof SessionEndedError) return;
      console.error(`[next-auth][error][${code}]`, metadata);
    },
  },
};
