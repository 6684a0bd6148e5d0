import "server-only";
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import { db } from "../db";
import { env } from "../env";
import { DomainError } from "../errors/domainError";
import { tooManyAttemptsMessage } from "@/contracts/throttleMessage";

/**
 * Throttles for password guessing and mass sign-up. Counters live in the database
 * (rate-limiter-flexible's Prisma store on the RateLimiterFlexible table), so every web process
 * shares them and they survive restarts; on PostgreSQL the same store works unchanged.
 */
const SIGN_IN_WINDOW_SECONDS = 15 * 60;
const SIGN_UP_WINDOW_SECONDS = 60 * 60;

/** A rateLimited DomainError: tRPC and REST answer 429 with Retry-After; the sign-in route adds its error page. */
export class TooManyAttemptsError extends DomainError {
  constructor(override readonly retryAfterSeconds: number) {
    super("rateLimited", tooManyAttemptsMessage(retryAfterSeconds), { retryAfterSeconds });
  }
}

type Limiter = InstanceType<typeof RateLimiterPrisma>;
const limiters = new Map<string, Limiter>();

// Created on first use: each limiter starts a cleanup timer, which importing this module should not.
function limiter(keyPrefix: string, points: number, duration: number): Limiter {
  let made = limiters.get(keyPrefix);
  if (!made) {
    made = new RateLimiterPrisma({ storeClient: db, tableName: "rateLimiterFlexible", keyPrefix, points, duration });
    limiters.set(keyPrefix, made);
  }
  return made;
}

const signInByAccount = () => limiter("signin-account", env.AUTH_SIGNIN_FAILURES_PER_ACCOUNT, SIGN_IN_WINDOW_SECONDS);
const signInByAddress = () => limiter("signin-address", env.AUTH_SIGNIN_FAILURES_PER_ADDRESS, SIGN_IN_WINDOW_SECONDS);
const signUpByAddress = () => limiter("signup-address", env.AUTH_SIGNUPS_PER_ADDRESS, SIGN_UP_WINDOW_SECONDS);

/** Consumes one point; a refusal becomes TooManyAttemptsError, a store failure propagates. */
async function consume(target: Limiter, key: string): Promise<void> {
  try {
    await target.consume(key);
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes) throw new TooManyAttemptsError(Math.max(1, Math.ceil(refusal.msBeforeNext / 1000)));
    throw refusal;
  }
}

export interface SignInAttempt {
  /** The password was right: the attempt no longer counts against the account or the address. */
  succeeded(): Promise<void>;
}

/**
 * Counts a sign-in attempt before the password is checked, so a burst of parallel guesses is
 * bounded too (counting only after a failure would let them all through). A success refunds it.
 * Throws TooManyAttemptsError when the account or the address is over its limit.
 */
export async function reserveSignInAttempt(account: string | null, address: string): Promise<SignInAttempt> {
  await consume(signInByAddress(), address);
  if (account) await consume(signInByAccount(), account);
  return {
    async succeeded() {
      if (account) await signInByAccount().delete(account);
      await signInByAddress().reward(address, 1);
    },
  };
}

/** Counts one account creation from this address; throws TooManyAttemptsError over the limit. */
export async function reserveSignUp(address: string): Promise<void> {
  await consume(signUpByAddress(), address);
}
