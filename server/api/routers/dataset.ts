import { z } from "zod";
import type { TableSchema } from "@/pipeline/ml/table/table";
import { readDatasetSchemas } from "@/pipeline/runtime/datasetSchemas";
import { projectDatasets } from "../../datasets/projectDatasets";
import { projectProcedure, router } from "../trpc";

const SAMPLES = ["iris", "breast_cancer", "digits", "penguins", "credit_data", "fine_foods_train", "fine_foods_test"];

export const datasetRouter = router({
  /** Datasets a Load node can read in this project. */
  list: projectProcedure("viewer").query(() => SAMPLES.map((name) => ({ reference: `sample:${name}`, name, kind: "sample" as const }))),

  /**
   * Raw column schemas of the datasets that the given Load-like nodes read, so the
   * canvas can check column params and offer column pickers before anything runs.
   */
  schemas: projectProcedure("viewer")
    .input(z.object({ nodes: z.array(z.object({ id: z.string(), kind: z.string(), params: z.record(z.string(), z.unknown()) })).max(200) }))
    .query(async ({ input }): Promise<{ schemas: Record<string, TableSchema>; failures: { nodeId: string; message: string }[] }> =>
      readDatasetSchemas({ nodes: input.nodes }, projectDatasets()),
    ),
});
