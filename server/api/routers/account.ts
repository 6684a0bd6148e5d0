import { TRPCError } from "@trpc/server";
import { signUp, SignUpError } from "../../auth/accounts";
import { signUpSchema } from "../../auth/credentials";
import { publicProcedure, router, userProcedure } from "../trpc";

export const accountRouter = router({
  signUp: publicProcedure.input(signUpSchema).mutation(async ({ ctx, input }) => {
    try {
      return await signUp(ctx.db, input);
    } catch (error) {
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
});
