import * as tf from '@tensorflow/tfjs';

/**
 * A stage's trainable weights as one flat variable. Each step splits it into views (one SplitV kernel; its
 * gradient is one Concat), the optimiser updates one tensor, and the weights are written back to the model's
 * variables only when someone reads them (evaluation, checkpoints, the stage's end). Same arithmetic as
 * updating each variable: Adam, SGD and RMSProp are element-wise.
 */
export class FlatParams {
  readonly flat: tf.Variable;
  private readonly sizes: number[];

  constructor(private readonly vars: readonly tf.Variable[]) {
    if (vars.length === 0) throw new Error('FlatParams: no variables');
    this.sizes = vars.map((v) => v.size);
    this.flat = tf.tidy(() => tf.variable(tf.concat(vars.map((v) => tf.reshape(v, [-1]))), true));
  }

  /** Each variable's view of the flat vector, for the step being recorded (call inside its tape). */
  views(): Map<tf.Tensor, tf.Tensor> {
    const parts = this.vars.length === 1 ? [this.flat] : tf.split(this.flat, this.sizes);
    // Biases are 1-D already: no Reshape kernel (and its gradient) for them.
    return new Map(this.vars.map((v, i) => [v, v.rank === 1 ? parts[i]! : tf.reshape(parts[i]!, v.shape)]));
  }

  /** Copies the flat vector back into the variables. */
  writeBack(): void {
    tf.tidy(() => {
      const parts = this.vars.length === 1 ? [this.flat] : tf.split(this.flat, this.sizes);
      this.vars.forEach((v, i) => v.assign(tf.reshape(parts[i]!, v.shape)));
    });
  }

  dispose(): void {
    this.flat.dispose();
  }
}
