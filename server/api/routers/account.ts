import { TRPCError } from "@trpc/server";
import { changePassword, signUp, SignUpError, WrongPasswordError } from "../../auth/accounts";
import { changePasswordSchema, signUpSchema } from "../../auth/credentials";
import { endAllSessions } from "../../auth/sessions";
import { reserveSignInAttempt, reserveSignUp, TooManyAttemptsError } from "../../auth/throttles";
import type { Context } from "../trpc";
import { requireBrowserSession } from "../browserSession";
import { publicProcedure, router, userProcedure } from "../trpc";

/** A throttle refusal as tRPC's 429, with Retry-After on the HTTP response. */
function tooManyRequests(ctx: Context, error: TooManyAttemptsError): TRPCError {
  ctx.resHeaders?.set("Retry-After", String(error.retryAfterSeconds));
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message: error.message });
}

export const accountRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(async ({ ctx, input }) => {
    try {
      await reserveSignUp(ctx.clientAddress);
      return await signUp(ctx.db, input);
    } catch (error) {
      if (error instanceof TooManyAttemptsError) throw tooManyRequests(ctx, error);
      if (error instanceof SignUpError) throw new TRPCError({ code: "CONFLICT", message: error.message });
      throw error;
    }
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
    try {
      const { email } = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.userId }, select: { email: true } });
      const attempt = await reserveSignInAttempt(email, ctx.clientAddress);
      const keep = ctx.identity.via === "session" ? ctx.identity.sessionId : undefined;
      const changed = await changePassword(ctx.db, ctx.userId, input, keep);
      await attempt.succeeded();
      return changed;
    } catch (error) {
      if (error instanceof TooManyAttemptsError) throw tooManyRequests(ctx, error);
      if (error instanceof WrongPasswordError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
      throw error;
    }
  }),

  /** Ends every browser session of the caller, this one included (API tokens are managed separately). */
  signOutEverywhere: userProcedure.mutation(async ({ ctx }) => {
    requireBrowserSession(ctx.identity, "Sessions can be ended");
    return { signedOutSessions: await endAllSessions(ctx.db, ctx.userId) };
  }),
});
