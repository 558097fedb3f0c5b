package dev.rulebench.models.tf.arch;

import dev.rulebench.config.TypedConfig;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.decode.CarriedState;
import dev.rulebench.models.tf.decode.IncrementalDecoder;
import dev.rulebench.models.tf.graph.Dims;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.layers.Embedding;
import dev.rulebench.models.tf.layers.Mode;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The position-wise linear model as one matrix product: the embeddings of a batch, flattened to
 * {@code [B, T·E]}, times the masked weights flattened to {@code [T·E, T·V]}. A batch shorter than
 * the context uses the top-left corner of the weights, which equals zero-padding its embeddings.
 * Decoding keeps every fed embedding in a {@code [T, rows, E]} buffer and multiplies it with the
 * weights of one output position per token.
 */
final class LinearNetwork implements Network {

  private final int vocabulary;
  private final int context;
  private final int width;
  private final Embedding embedding;
  private final Variable<TFloat32> weight;
  private final Variable<TFloat32> bias;
  private final Constant<TFloat32> mask;

  LinearNetwork(Ops tf, Parameters parameters, int vocabulary, int context, TypedConfig config) {
    this.vocabulary = vocabulary;
    this.context = context;
    this.width = config.intValue("embedding");
    this.embedding = new Embedding(parameters.scoped("embedding"), vocabulary, width);
    // PyTorch's xavier_uniform_ on a 4-d tensor: fan_in = dim1·receptive, fan_out = dim0·receptive
    long receptive = (long) context * vocabulary;
    this.weight = parameters.xavierUniform("weight", width * receptive, context * receptive, context, width, context,
        vocabulary);
    this.bias = config.booleanValue("bias") ? parameters.filled("bias", 0f, context, vocabulary) : null;
    boolean paperCompat = config.booleanValue("paperCompat");
    float[][] m = new float[context][context];
    for (int s = 0; s < context; s++) {
      for (int t = 0; t < context; t++) {
        m[s][t] = (paperCompat ? s >= t : s <= t) ? 1f : 0f;
      }
    }
    this.mask = tf.constant(m);
  }

  @Override
  public Operand<TFloat32> logits(Ops tf, Operand<TInt32> inputs, Mode mode) {
    Operand<TInt32> length = Dims.of(tf, inputs, 1);
    Operand<TInt32> batch = Dims.of(tf, inputs, 0);
    Operand<TFloat32> x = tf.reshape(embedding.lookup(tf, inputs), tf.stack(List.of(batch, tf.constant(-1))));
    // the first `length` input and output positions of the masked weights: [length·E, length·V]
    Operand<TInt32> corner = tf.stack(List.of(length, tf.constant(width), length, tf.constant(vocabulary)));
    Operand<TFloat32> w = tf.slice(weight, tf.constant(new int[] {0, 0, 0, 0}), corner);
    Operand<TFloat32> m = tf.reshape(tf.slice(mask, tf.constant(new int[] {0, 0}), tf.stack(List.of(length, length))),
        tf.stack(List.of(length, tf.constant(1), length, tf.constant(1))));
    Operand<TFloat32> masked = tf.reshape(tf.math.mul(w, m), tf.stack(List.of(tf.math.mul(length,
        tf.constant(width)), tf.math.mul(length, tf.constant(vocabulary)))));
    Operand<TFloat32> logits = tf.reshape(tf.linalg.matMul(x, masked),
        tf.stack(List.of(batch, length, tf.constant(vocabulary))));
    if (bias != null) {
      logits = tf.math.add(logits, tf.slice(bias, tf.constant(new int[] {0, 0}),
          tf.stack(List.of(length, tf.constant(vocabulary)))));
    }
    return logits;
  }

  @Override
  public IncrementalDecoder decoder(Ops tf) {
    return new IncrementalDecoder() {
      private final CarriedState state = new CarriedState(tf);
      private Variable<TFloat32> fed;

      @Override
      public Op reset(Ops scope, Operand<TInt32> rows, Operand<TInt32> capacity) {
        fed = state.zeros("decode.linear.embeddings",
            Dims.shape(scope, List.of(scope.constant(context), rows, scope.constant(width))));
        return state.reset();
      }

      @Override
      public Step step(Ops scope, Operand<TInt32> tokens, Operand<TInt32> position, Operand<TInt32> firstRow) {
        Operand<TFloat32> e = scope.expandDims(embedding.lookup(scope, tokens), scope.constant(0));
        Operand<TFloat32> all = scope.scatterUpdate(fed, scope.reshape(position, scope.constant(new int[] {1})), e);
        // [rows, T·E] · [T·E, V]: the masked weights into output position `position`
        Operand<TInt32> rows = Dims.of(scope, tokens, 0);
        Operand<TFloat32> x = scope.reshape(scope.linalg.transpose(all, scope.constant(new int[] {1, 0, 2})),
            scope.stack(List.of(rows, scope.constant(context * width))));
        Operand<TFloat32> column = scope.gather(weight, position, scope.constant(2));
        Operand<TFloat32> maskColumn = scope.reshape(scope.gather(mask, position, scope.constant(1)),
            scope.constant(new int[] {context, 1, 1}));
        Operand<TFloat32> w = scope.reshape(scope.math.mul(column, maskColumn),
            scope.constant(new int[] {context * width, vocabulary}));
        Operand<TFloat32> logits = scope.linalg.matMul(x, w);
        if (bias != null) {
          logits = scope.math.add(logits, scope.gather(bias, position, scope.constant(0)));
        }
        return new Step(logits, List.of());
      }

      @Override
      public int maxPositions() {
        return context;
      }
    };
  }
}
