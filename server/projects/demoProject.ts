import type { Db } from "../db";

export const DEMO_PROJECT_NAME = "Demo: Iris flowers";

/** Every new account starts with a project to explore, owned by the new user. */
export async function createDemoProject(db: Pick<Db, "project">, userId: string) {
  return db.project.create({
    data: {
      name: DEMO_PROJECT_NAME,
      description: "A ready-made project on the bundled iris dataset: load, split, train and evaluate a classifier.",
      memberships: { create: { userId, role: "owner" } },
    },
  });
}
