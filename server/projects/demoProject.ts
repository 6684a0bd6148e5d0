import type { Db } from "../db";
import { projectDatasets } from "../datasets/projectDatasets";
import { compileForSave } from "../pipelines/compileForSave";
import { DEMO_PIPELINE_GRAPH, DEMO_PIPELINE_NAME } from "./demoPipeline";

export const DEMO_PROJECT_NAME = "Demo: Iris flowers";

let demoSpec: ReturnType<typeof compileForSave> | undefined;

/** Compiled once per process: the demo graph is a constant. */
export function compiledDemoPipeline() {
  demoSpec ??= compileForSave(DEMO_PIPELINE_GRAPH, projectDatasets());
  return demoSpec;
}

/** Every new account starts with a project to explore: owned by the new user, with a ready pipeline. */
export async function createDemoProject(db: Pick<Db, "project">, userId: string) {
  const compiled = await compiledDemoPipeline();
  return db.project.create({
    data: {
      name: DEMO_PROJECT_NAME,
      description: "A ready-made project on the bundled iris dataset: load, split, train and evaluate a classifier.",
      memberships: { create: { userId, role: "owner" } },
      pipelines: {
        create: {
          name: DEMO_PIPELINE_NAME,
          versions: {
            create: {
              number: 1,
              graph: JSON.stringify(DEMO_PIPELINE_GRAPH),
              spec: compiled.spec,
              specHash: compiled.specHash,
              authorId: userId,
              message: "Demo pipeline",
            },
          },
        },
      },
    },
  });
}
