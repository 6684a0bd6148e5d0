import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GitHubProvider from "next-auth/providers/github";
import { db } from "../db";
import { authSecret, env } from "../env";
import { authenticate, findOrCreateOAuthUser } from "./accounts";

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
  // Credentials sign-in requires JWT sessions in next-auth 4; the token carries only the user id.
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  pages: { signIn: "/signin" },
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
    jwt({ token, user }) {
      if (user) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub ?? "" } };
    },
  },
};
