import * as tf from "@tensorflow/tfjs";

/**
 * Trains a small dense net (32 → 64 → 1, Adam, batch 256) on the active backend for about
 * `seconds` and returns training samples per second. The first step is excluded: it
 * compiles shaders / warms caches, which would make GPU backends look slow.
 */
export async function measureTrainingThroughput(seconds: number): Promise<number> {
  const batch = 256;
  const x = tf.randomUniform([batch, 32], -1, 1, "float32", 1);
  const y = tf.randomUniform([batch, 1], -1, 1, "float32", 2);
  const w1 = tf.variable(tf.randomNormal([32, 64], 0, 0.1, "float32", 3));
  const b1 = tf.variable(tf.zeros([64]));
  const w2 = tf.variable(tf.randomNormal([64, 1], 0, 0.1, "float32", 4));
  const optimizer = tf.train.adam(0.01);
  const step = async () => {
    const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.relu(x.matMul(w1).add(b1)).matMul(w2)), true);
    await loss!.data();
    loss!.dispose();
  };
  try {
    await step();
    let steps = 0;
    const started = performance.now();
    while (steps < 2 || performance.now() - started < seconds * 1000) {
      await step();
      steps++;
    }
    return (steps * batch) / ((performance.now() - started) / 1000);
  } finally {
    optimizer.dispose();
    tf.dispose([x, y, w1, b1, w2]);
  }
}
