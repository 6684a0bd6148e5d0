import { z } from "zod";
import { augmentImageRows } from "../ml/augment/augment-copies";
import { imageAugmentParamsSchema } from "../ml/augment/image-augment";
import type { TableSchema } from "../ml/table/table";
import { columnListParam, targetColumnParam } from "../spec/columnParams";
import type { NodeIssue } from "../spec/diagnostics";
import { defineNode } from "../spec/nodeDefinition";
import { augmentationPorts, augmentTrain, columnTypeIssue, inferAugmentation } from "./augmentation";

const PIXEL_TYPES = ["number", "integer"] as const;

const params = z.object({
  target: targetColumnParam("Label column, kept as is; defaults to the input's target"),
  pixels: columnListParam("Pixel columns in row-major order; empty means every number and integer column except the target").optional(),
  copies: z.number().int().min(1).max(20).default(1).describe("Augmented copies of every train image"),
  ...imageAugmentParamsSchema.shape,
  seed: z.number().int().default(0),
});
type Params = z.output<typeof params>;

function pixelColumns(p: Params, table: Pick<TableSchema, "columns">): string[] {
  return p.pixels ?? table.columns.filter((c) => (PIXEL_TYPES as readonly string[]).includes(c.type) && c.name !== p.target).map((c) => c.name);
}

export const augmentImagesNode = defineNode({
  kind: "augment-images",
  version: 1,
  title: "Augment images",
  description: "Grows the train split with transformed copies of images stored one pixel per column: flip, rotation, shift, brightness and noise. Seeded.",
  stage: "Augment",
  ...augmentationPorts,
  params,
  inferSchema(p, context) {
    return inferAugmentation(context, (table) => {
      const pixels = pixelColumns(p, table);
      const issues: NodeIssue[] = pixels.flatMap((name, i) => columnTypeIssue(table, name, `pixels.${i}`, PIXEL_TYPES, "a pixel"));
      if (pixels.length !== p.height * p.width) {
        issues.push({ param: "pixels", code: "invalid-param", message: `${pixels.length} pixel columns do not make a ${p.height} × ${p.width} image` });
      }
      return issues;
    });
  },
  async run({ params: p, inputs, log }) {
    // The schema keeps only the transform's own fields.
    const transform = imageAugmentParamsSchema.parse(p);
    const { data, added } = augmentTrain(inputs, (train) => augmentImageRows(train, pixelColumns(p, train), p.copies, transform, p.seed));
    log(`Added ${added} augmented train images (now ${data.train.rowCount})`);
    return { data };
  },
});
