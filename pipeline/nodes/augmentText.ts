import { z } from "zod";
import { augmentTextColumn } from "../ml/augment/augment-copies";
import { textAugmentParamsSchema } from "../ml/augment/text-augment";
import { columnParam } from "../spec/columnParams";
import { defineNode } from "../spec/nodeDefinition";
import { augmentationPorts, augmentTrain, columnTypeIssue, inferAugmentation } from "./augmentation";

const params = z.object({
  column: columnParam("Text column to rewrite"),
  copies: z.number().int().min(1).max(20).default(1).describe("Rewritten copies of every train row"),
  ...textAugmentParamsSchema.shape,
  seed: z.number().int().default(0),
});

export const augmentTextNode = defineNode({
  kind: "augment-text",
  version: 1,
  title: "Augment text",
  description:
    "Grows the train split with rewritten copies of a text column: synonym replacement from the bundled thesaurus, random insertion, swap and deletion. Seeded.",
  stage: "Augment",
  ...augmentationPorts,
  params,
  inferSchema(p, context) {
    return inferAugmentation(context, (table) => columnTypeIssue(table, p.column, "column", ["text"], "text augmentation"));
  },
  async run({ params: p, inputs, log }) {
    // The schema keeps only the rewrite's own fields.
    const rewrite = textAugmentParamsSchema.parse(p);
    const { data, added } = augmentTrain(inputs, (train) => augmentTextColumn(train, p.column, p.copies, rewrite, p.seed));
    log(`Added ${added} rewritten train rows (now ${data.train.rowCount})`);
    return { data };
  },
});
