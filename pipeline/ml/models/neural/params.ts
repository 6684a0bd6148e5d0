import { z } from "zod";

const optimisation = {
  learningRate: z.number().min(1e-5).max(1).default(0.01).describe("Adam learning rate"),
  batchSize: z.number().int().min(1).max(4096).default(32).describe("Rows per gradient step"),
  epochs: z.number().int().min(1).max(1000).default(100).describe("Passes over the training rows"),
  l2: z.number().min(0).max(1).default(0.0001).describe("L2 penalty on weights"),
  earlyStopping: z.boolean().default(true).describe("Stop when validation loss stops improving and restore the best weights"),
  patience: z.number().int().min(1).max(200).default(10).describe("Epochs without validation improvement before stopping"),
  validationFraction: z.number().min(0.05).max(0.5).default(0.1).describe("Share of training rows held out for early stopping when no validation set is given"),
};

const denseNet = {
  hiddenLayers: z.number().int().min(1).max(8).default(1).describe("Hidden layers"),
  hiddenUnits: z.number().int().min(1).max(1024).default(64).describe("Units per hidden layer"),
  activation: z.enum(["relu", "tanh", "sigmoid", "elu"]).default("relu").describe("Hidden activation"),
  dropout: z.number().min(0).max(0.9).default(0).describe("Dropout rate after each hidden layer"),
};

/**
 * Softmax (multinomial logistic) regression trained by gradient descent: one dense layer, no hidden
 * units. The text classifier's optimiser params, and those of version-1 (TF.js) linear and logistic
 * model artifacts, which still load; new linear models are fitted exactly (../linear).
 */
export const logisticRegressionParamsSchema = z.object({
  ...optimisation,
  epochs: optimisation.epochs.default(200),
  learningRate: optimisation.learningRate.default(0.05),
  earlyStopping: optimisation.earlyStopping.default(false),
});
/**
 * scikit-learn's MLPClassifier / MLPRegressor defaults (version 2 of the MLP node): 100 ReLU units, Adam at
 * 1e-3, mini-batches of min(200, rows), at most 200 epochs, stopping once the training loss has not
 * improved by `tol` for `patience` epochs, and its L2 penalty `alpha`. Version 1's 64 units at 1e-2 with
 * batches of 32, early-stopped on a 10% holdout, trailed MLPClassifier by up to 1.8 points.
 */
export const mlpParamsSchema = z
  .object({
    ...optimisation,
    ...denseNet,
    hiddenUnits: denseNet.hiddenUnits.default(100),
    learningRate: optimisation.learningRate.default(0.001),
    batchSize: optimisation.batchSize.default(200).describe("Rows per gradient step (all of them when there are fewer)"),
    epochs: optimisation.epochs.default(200).describe("Most passes over the training rows"),
    alpha: z.number().min(0).max(10).default(0.0001).describe("L2 penalty on weights, as scikit-learn's alpha: alpha/2 · ‖W‖² over the rows of a batch"),
    tol: z.number().min(0).max(1).default(0.0001).describe("Smallest decrease of the watched loss that counts as an improvement"),
    earlyStopping: optimisation.earlyStopping
      .default(false)
      .describe(
        "Watch the validation loss (the validation split, else validationFraction of the training rows held out) and keep the best epoch's weights; off: watch the training loss",
      ),
    patience: optimisation.patience.describe("Epochs without an improvement of tol in the watched loss before stopping"),
  })
  .omit({ l2: true });
export const cnnParamsSchema = z.object({
  ...optimisation,
  imageHeight: z.number().int().min(1).max(1024).default(8).describe("Image height in pixels"),
  imageWidth: z.number().int().min(1).max(1024).default(8).describe("Image width in pixels"),
  channels: z.number().int().min(1).max(4).default(1).describe("Channels per pixel (columns are pixel-major: row, column, channel)"),
  convLayers: z.number().int().min(1).max(4).default(1).describe("Convolution + max-pool blocks"),
  filters: z.number().int().min(1).max(256).default(16).describe("Filters in the first convolution (doubles per block)"),
  kernelSize: z.number().int().min(1).max(7).default(3).describe("Convolution kernel size"),
  denseUnits: z.number().int().min(1).max(1024).default(64).describe("Units of the dense layer after the convolutions"),
  dropout: z.number().min(0).max(0.9).default(0.2).describe("Dropout before the output layer"),
});

export type OptimisationParams = z.infer<typeof logisticRegressionParamsSchema>;
export type MlpParams = z.infer<typeof mlpParamsSchema>;
export type CnnParams = z.infer<typeof cnnParamsSchema>;
