import { changePassword, signUp } from "../../auth/accounts";
import { changePasswordSchema, signUpSchema } from "../../auth/credentials";
import { endAllSessions } from "../../auth/sessions";
import { reserveSignInAttempt, reserveSignUp } from "../../auth/throttles";
import { requireBrowserSession } from "../browserSession";
import { publicProcedure, router, userProcedure } from "../trpc";

export const accountRouter = router({
  // Over the throttle: 429 with Retry-After; a taken email: CONFLICT (DomainErrors of throttles and accounts).
  signUp: publicProcedure.input(signUpSchema).mutation(async ({ ctx, input }) => {
    await reserveSignUp(ctx.clientAddress);
    return signUp(ctx.db, input);
  }),

  me: userProcedure.query(({ ctx }) =>
    ctx.db.user.findUniqueOrThrow({
      where: { id: ctx.userId },
      select: { id: true, email: true, name: true, createdAt: true },
    }),
  ),

  /**
   * Other sessions are signed out; the one making the change stays signed in. Guesses at the
   * current password count against the same throttle as sign-in, so an open session someone
   * borrowed is no faster way to find the password.
   */
  changePassword: userProcedure.input(changePasswordSchema).mutation(async ({ ctx, input }) => {
    requireBrowserSession(ctx.identity, "The password can be changed");
    const { email } = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { email: true } });
    const attempt = await reserveSignInAttempt(email, ctx.clientAddress);
    const keep = ctx.identity.via === "session" ? ctx.identity.sessionId : undefined;
    const changed = await changePassword(ctx.db, ctx.userId, input, keep);
    await attempt.succeeded();
    return changed;
  }),

  /** Ends every browser session of the caller, this one included (API tokens are managed separately). */
  signOutEverywhere: userProcedure.mutation(async ({ ctx }) => {
    requireBrowserSession(ctx.identity, "Sessions can be ended");
    return { signedOutSessions: await endAllSessions(ctx.db, ctx.userId) };
  }),
});
