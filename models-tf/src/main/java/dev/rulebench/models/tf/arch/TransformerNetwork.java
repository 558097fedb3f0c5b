package dev.rulebench.models.tf.arch;

import dev.rulebench.config.ConfigException;
import dev.rulebench.config.TypedConfig;
import dev.rulebench.grammar.Vocabulary;
import dev.rulebench.models.tf.Network;
import dev.rulebench.models.tf.decode.CarriedState;
import dev.rulebench.models.tf.decode.IncrementalDecoder;
import dev.rulebench.models.tf.graph.BatchProducts;
import dev.rulebench.models.tf.graph.Dims;
import dev.rulebench.models.tf.graph.InjectedFaults;
import dev.rulebench.models.tf.graph.NativeKernels;
import dev.rulebench.models.tf.graph.Parameters;
import dev.rulebench.models.tf.layers.Dense;
import dev.rulebench.models.tf.layers.CausalAttention;
import dev.rulebench.models.tf.layers.Dropout;
import dev.rulebench.models.tf.layers.Embedding;
import dev.rulebench.models.tf.layers.LayerNorm;
import dev.rulebench.models.tf.layers.Mode;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Constant;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The post-LN decoder-only Transformer. Training attends with all heads at once: as the native
 * kernel {@link CausalAttention} where it is available, else in two batched matrix products per
 * layer and query chunk over {@code [B, H, chunk, T]} scores, masked by one additive bias (causal
 * plus PAD keys) built once per batch. Decoding keeps each layer's keys and values in a position-major
 * cache {@code [capacity, d_head, H, rows]}, writes one position per token and attends over the
 * written prefix with PAD keys masked: a token costs time proportional to its position, with no
 * recomputation of earlier positions.
 */
final class TransformerNetwork implements Network {

  /** Added to masked attention scores; exp underflows to exactly 0, with no −∞ arithmetic. */
  private static final float MASKED = -1e9f;

  private final int vocabulary;
  private final int width;
  private final int heads;
  private final int headWidth;
  private final double dropout;
  private final int maxPositions;
  private final boolean paperCompat;
  private final int context;
  private final int queryChunk;
  private final Embedding embedding;
  private final Constant<TFloat32> positions;
  private final List<Block> blocks = new ArrayList<>();
  private final Dense head;

  /** One encoder layer's weights. */
  private record Block(Dense qkv, Dense out, LayerNorm norm1, Dense up, Dense down, LayerNorm norm2) {}

  /** What the keys' ranges cannot say; discovery and the command line check it before training. */
  static void validate(TypedConfig config) {
    int width = config.intValue("dModel");
    int heads = config.intValue("heads");
    if (heads < 1 || width % heads != 0) {
      throw new ConfigException("dModel (" + width + ") must be a multiple of heads (" + heads + ")");
    }
  }

  TransformerNetwork(Ops tf, Parameters parameters, int vocabulary, int context, TypedConfig config) {
    this.vocabulary = vocabulary;
    this.context = context;
    validate(config);
    this.queryChunk = config.intValue("queryChunk");
    this.width = config.intValue("dModel");
    this.heads = config.intValue("heads");
    this.headWidth = width / heads;
    this.dropout = config.doubleValue("dropout");
    this.maxPositions = config.intValue("maxPositions");
    this.paperCompat = config.booleanValue("paperCompat");
    int ffn = config.intValue("ffn");
    double eps = config.doubleValue("layerNormEps");
    this.embedding = new Embedding(parameters.scoped("embedding"), vocabulary, width);
    this.positions = tf.constant(sinusoids(maxPositions, width));
    for (int l = 0; l < config.intValue("layers"); l++) {
      Parameters p = parameters.scoped("layer" + l);
      blocks.add(new Block(Dense.xavier(p.scoped("attention_in"), width, 3 * width, true),
          Dense.linearZeroBias(p.scoped("attention_out"), width, width), new LayerNorm(p.scoped("norm1"), width, eps),
          Dense.linear(p.scoped("ffn_up"), width, ffn, true), Dense.linear(p.scoped("ffn_down"), ffn, width, true),
          new LayerNorm(p.scoped("norm2"), width, eps)));
    }
    this.head = Dense.linear(parameters.scoped("head"), width, vocabulary, true);
  }

  /** PE(p, 2i) = sin(p / 10000^(2i/d)), PE(p, 2i+1) = cos(p / 10000^(2i/d)), as the reference. */
  static float[][] sinusoids(int count, int width) {
    float[][] table = new float[count][width];
    for (int p = 0; p < count; p++) {
      for (int i = 0; i < width; i += 2) {
        double angle = p * Math.exp(i * (-Math.log(10000.0) / width));
        table[p][i] = (float) Math.sin(angle);
        if (i + 1 < width) {
          table[p][i + 1] = (float) Math.cos(angle);
        }
      }
    }
    return table;
  }

  @Override
  public Operand<TFloat32> logits(Ops tf, Operand<TInt32> inputs, Mode mode) {
    Operand<TInt32> batch = Dims.of(tf, inputs, 0);
    Operand<TInt32> length = Dims.of(tf, inputs, 1);
    Operand<TFloat32> x = tf.math.mul(embedding.lookup(tf, inputs), tf.constant((float) Math.sqrt(width)));
    if (paperCompat) {
      Operand<TFloat32> perRow = tf.slice(positions, tf.constant(new int[] {0, 0}),
          tf.stack(List.of(batch, tf.constant(width))));
      x = tf.math.add(x, tf.expandDims(perRow, tf.constant(1)));
    } else {
      x = tf.math.add(x, tf.slice(positions, tf.constant(new int[] {0, 0}), tf.stack(List.of(length,
          tf.constant(width)))));
    }
    x = Dropout.apply(tf, mode, x, dropout);
    Operand<TFloat32> rows = tf.reshape(x, tf.constant(new int[] {-1, width}));
    Keys keys = NativeKernels.availableFor(tf)
        ? new Keys(tf.math.notEqual(inputs, tf.constant(Vocabulary.PAD)), List.of())
        : new Keys(null, queryChunks(tf, inputs, length));
    for (Block block : blocks) {
      rows = layer(tf, mode, block, rows, batch, length, keys);
    }
    return tf.reshape(head.apply(tf, rows), tf.stack(List.of(batch, length, tf.constant(vocabulary))));
  }

  /**
   * Queries {@code [from, to)} attend keys {@code [0, to)} only: causal attention in blocks of
   * {@code queryChunk} queries skips most of the masked upper triangle of the scores (at 257
   * positions and chunks of 64, 61 % of the full T² is computed). Bounds are clamped to the batch's
   * length, so shorter batches leave trailing chunks empty.
   *
   * @param bias {@code [B, 1, to − from, to]}: 0 where the query may see the key (not in its
   *     future, not PAD), else {@link #MASKED}; built once per batch and shared by all layers
   */
  private record QueryChunk(Operand<TInt32> from, Operand<TInt32> to, Operand<TFloat32> bias) {}

  /**
   * What every layer's attention needs of the batch, built once: for the native kernel ({@link
   * CausalAttention}) which keys are not PAD ({@code [B, T]}), else the op graph's query chunks.
   */
  private record Keys(Operand<TBool> valid, List<QueryChunk> chunks) {}

  private List<QueryChunk> queryChunks(Ops tf, Operand<TInt32> inputs, Operand<TInt32> length) {
    Operand<TInt32> index = tf.range(tf.constant(0), length, tf.constant(1));
    Operand<TBool> pad = tf.math.equal(inputs, tf.constant(Vocabulary.PAD));
    Operand<TFloat32> padKeys = tf.expandDims(tf.expandDims(tf.select(pad, tf.constant(MASKED), tf.constant(0f)),
        tf.constant(1)), tf.constant(1));
    List<QueryChunk> chunks = new ArrayList<>();
    for (int start = 0; start < context; start += queryChunk) {
      Operand<TInt32> from = tf.math.minimum(tf.constant(start), length);
      Operand<TInt32> to = tf.math.minimum(tf.constant(start + queryChunk), length);
      Operand<TInt32> queries = slice1(tf, index, from, to);
      Operand<TInt32> keys = slice1(tf, index, tf.constant(0), to);
      Operand<TBool> future = tf.math.greater(tf.expandDims(keys, tf.constant(0)), tf.expandDims(
          tf.math.add(queries, tf.constant(InjectedFaults.causalLookahead())), tf.constant(1)));
      Operand<TFloat32> causal = tf.select(future, tf.constant(MASKED), tf.constant(0f));
      Operand<TFloat32> padChunk = tf.slice(padKeys, tf.constant(new int[] {0, 0, 0, 0}),
          tf.stack(List.of(tf.constant(-1), tf.constant(-1), tf.constant(-1), to)));
      chunks.add(new QueryChunk(from, to, tf.math.add(padChunk, causal)));
    }
    return chunks;
  }

  /** {@code x[from:to]} of a vector. */
  private static Operand<TInt32> slice1(Ops tf, Operand<TInt32> x, Operand<TInt32> from, Operand<TInt32> to) {
    return tf.slice(x, tf.reshape(from, tf.constant(new int[] {1})),
        tf.reshape(tf.math.sub(to, from), tf.constant(new int[] {1})));
  }

  /** {@code x[:, :, from:to, :]} of a {@code [B, H, T, d]} tensor. */
  private static Operand<TFloat32> slicePositions(Ops tf, Operand<TFloat32> x, Operand<TInt32> from,
      Operand<TInt32> to) {
    return tf.slice(x, tf.stack(List.of(tf.constant(0), tf.constant(0), from, tf.constant(0))),
        tf.stack(List.of(tf.constant(-1), tf.constant(-1), tf.math.sub(to, from), tf.constant(-1))));
  }

  private Operand<TFloat32> layer(Ops tf, Mode mode, Block block, Operand<TFloat32> rows, Operand<TInt32> batch,
      Operand<TInt32> length, Keys keys) {
    // [B·T, 3d] → [B, T, 3, H, dh]
    Operand<TFloat32> qkv = tf.reshape(block.qkv().apply(tf, rows),
        tf.stack(List.of(batch, length, tf.constant(3), tf.constant(heads), tf.constant(headWidth))));
    Operand<TFloat32> merged = tf.reshape(keys.valid() != null
        ? CausalAttention.apply(tf, mode, qkv, keys.valid(), dropout)
        : attentionOpGraph(tf, mode, qkv, keys.chunks()), tf.constant(new int[] {-1, width}));
    Operand<TFloat32> attended = Dropout.apply(tf, mode, block.out().apply(tf, merged), dropout);
    rows = block.norm1().apply(tf, tf.math.add(rows, attended));
    Operand<TFloat32> fed = Dropout.apply(tf, mode, feedForward(tf, mode, block, rows), dropout);
    return block.norm2().apply(tf, tf.math.add(rows, fed));
  }

  /**
   * The attention of {@code qkv} ({@code [B, T, 3, H, dh]}) as ops, query chunk by query chunk:
   * each query's context, {@code [B, T, H, dh]}.
   */
  private Operand<TFloat32> attentionOpGraph(Ops tf, Mode mode, Operand<TFloat32> projected,
      List<QueryChunk> chunks) {
    // [B, T, 3, H, dh] → [3, B, H, T, dh]
    Operand<TFloat32> qkv = tf.linalg.transpose(projected, tf.constant(new int[] {2, 0, 3, 1, 4}));
    List<Operand<TFloat32>> split = unstack(tf, qkv, 3);
    Operand<TFloat32> q = tf.math.mul(split.get(0), tf.constant((float) (1 / Math.sqrt(headWidth))));
    Operand<TFloat32> k = split.get(1);
    Operand<TFloat32> v = split.get(2);
    if (Dropout.active(mode, dropout)) {
      // dropout's 1/(1−p) on the small values instead of the large attention weights
      v = tf.math.mul(v, tf.constant(Dropout.scale(dropout)));
    }
    List<Operand<TFloat32>> contexts = new ArrayList<>();
    for (QueryChunk chunk : chunks) {
      Operand<TFloat32> keys = slicePositions(tf, k, tf.constant(0), chunk.to());
      Operand<TFloat32> scores = tf.math.add(BatchProducts.product(tf, slicePositions(tf, q, chunk.from(), chunk.to()),
          false, keys, true, mode.training()), chunk.bias());
      Operand<TFloat32> weights = Dropout.dropUnscaledNonNegative(tf, mode, tf.nn.softmax(scores), dropout);
      contexts.add(BatchProducts.product(tf, weights, false, slicePositions(tf, v, tf.constant(0), chunk.to()), false,
          mode.training()));
    }
    Operand<TFloat32> context = contexts.size() == 1 ? contexts.get(0) : tf.concat(contexts, tf.constant(2));
    return tf.linalg.transpose(context, tf.constant(new int[] {0, 2, 1, 3}));
  }

  /**
   * {@code down(dropout(relu(up(x))))}, arranged so the wide {@code [B·T, ffn]} layer is read and
   * written as few times as possible: the up projection's bias rides in the product as one more
   * input column of ones (its gradient then comes out of the weight gradient's product instead of
   * a separate pass), ReLU and the dropout mask are one condition ({@link Dropout#reluDropped}: one
   * pass forward, and backward ReLU's gradient read off the hidden layer, so no mask waits for the
   * backward pass), and dropout's 1/(1−p) goes into the down projection's small weights.
   */
  private Operand<TFloat32> feedForward(Ops tf, Mode mode, Block block, Operand<TFloat32> rows) {
    if (!Dropout.active(mode, dropout)) {
      return block.down().apply(tf, tf.nn.relu(block.up().apply(tf, rows)));
    }
    Operand<TFloat32> ones = tf.fill(tf.stack(List.of(Dims.of(tf, rows, 0), tf.constant(1))), tf.constant(1f));
    Operand<TFloat32> weightsAndBias = tf.concat(List.of(block.up().weight(),
        tf.expandDims(block.up().bias(), tf.constant(0))), tf.constant(0));
    Operand<TFloat32> pre = tf.linalg.matMul(tf.concat(List.of(rows, ones), tf.constant(1)), weightsAndBias);
    return block.down().applyScaled(tf, Dropout.reluDropped(tf, mode, pre, dropout), Dropout.scale(dropout));
  }

  private static List<Operand<TFloat32>> unstack(Ops tf, Operand<TFloat32> x, int parts) {
    List<Operand<TFloat32>> list = new ArrayList<>();
    tf.unstack(x, (long) parts).forEach(list::add);
    return list;
  }

  @Override
  public IncrementalDecoder decoder(Ops tf) {
    return new CachedDecoder(tf);
  }

  /** Keys and values of every fed position, per layer, in graph variables. */
  private final class CachedDecoder implements IncrementalDecoder {
    private final CarriedState state;
    private final List<Variable<TFloat32>> keys = new ArrayList<>();
    private final List<Variable<TFloat32>> values = new ArrayList<>();
    private final List<Variable<TFloat32>> qkvWeights = new ArrayList<>();
    private final List<Variable<TFloat32>> qkvBiases = new ArrayList<>();
    private final List<Variable<TFloat32>> outWeights = new ArrayList<>();
    private Variable<TFloat32> padKeys;

    CachedDecoder(Ops tf) {
      this.state = new CarriedState(tf);
    }

    @Override
    public Op reset(Ops tf, Operand<TInt32> rows, Operand<TInt32> capacity) {
      // position-major [capacity, dh, H, rows]: a token's keys are one contiguous block, the written
      // prefix [0, p] is a slice that shares the cache's memory, and every reduction below runs along
      // or across contiguous heads × rows
      Operand<TInt32> cacheShape = Dims.shape(tf, List.of(capacity, tf.constant(headWidth), tf.constant(heads),
          rows));
      int[] qkvOrder = new int[3 * width];
      float[] queryScale = new float[3 * width];
      int[] outOrder = new int[width];
      for (int part = 0; part < 3; part++) {
        for (int e = 0; e < headWidth; e++) {
          for (int h = 0; h < heads; h++) {
            qkvOrder[part * width + e * heads + h] = part * width + h * headWidth + e;
            queryScale[part * width + e * heads + h] = part == 0 ? (float) (1 / Math.sqrt(headWidth)) : 1f;
            outOrder[e * heads + h] = h * headWidth + e;
          }
        }
      }
      for (int l = 0; l < blocks.size(); l++) {
        keys.add(state.zeros("decode.layer" + l + ".keys", cacheShape));
        values.add(state.zeros("decode.layer" + l + ".values", cacheShape));
        // the projections reordered once per batch so that q, k, v and the context come out in the
        // cache's (dh, H) order with no transposes per token; 1/√dh folded into the query columns
        Block block = blocks.get(l);
        Operand<TFloat32> scale = tf.constant(queryScale);
        qkvWeights.add(state.derived("decode.layer" + l + ".qkv_weight", tf.math.mul(
            tf.gather(block.qkv().weight(), tf.constant(qkvOrder), tf.constant(1)), scale)));
        qkvBiases.add(state.derived("decode.layer" + l + ".qkv_bias", tf.expandDims(tf.math.mul(
            tf.gather(block.qkv().bias(), tf.constant(qkvOrder), tf.constant(0)), scale), tf.constant(1))));
        outWeights.add(state.derived("decode.layer" + l + ".out_weight",
            tf.gather(block.out().weight(), tf.constant(outOrder), tf.constant(0))));
      }
      padKeys = state.zeros("decode.pad_keys", Dims.shape(tf, List.of(capacity, rows)));
      return state.reset();
    }

    @Override
    public Step step(Ops tf, Operand<TInt32> tokens, Operand<TInt32> position, Operand<TInt32> firstRow) {
      Operand<TInt32> rows = Dims.of(tf, tokens, 0);
      Operand<TFloat32> x = tf.math.mul(embedding.lookup(tf, tokens), tf.constant((float) Math.sqrt(width)));
      if (paperCompat) {
        x = tf.math.add(x, tf.slice(positions, tf.stack(List.of(firstRow, tf.constant(0))), tf.stack(List.of(rows,
            tf.constant(width)))));
      } else {
        x = tf.math.add(x, tf.gather(positions, tf.reshape(position, tf.constant(new int[] {1})), tf.constant(0)));
      }
      Operand<TInt32> at = tf.reshape(position, tf.constant(new int[] {1}));
      Operand<TInt32> written = tf.math.add(position, tf.constant(1));
      Operand<TFloat32> isPad = tf.dtypes.cast(tf.math.equal(tokens, tf.constant(Vocabulary.PAD)), TFloat32.class);
      Operand<TFloat32> pads = tf.slice(tf.scatterUpdate(padKeys, at, tf.expandDims(isPad, tf.constant(0))),
          tf.constant(new int[] {0, 0}), tf.stack(List.of(written, tf.constant(-1))));
      // the written prefix [0, p] of a cache, shared by every layer's slices
      Operand<TInt32> cacheStart = tf.constant(new int[] {0, 0, 0, 0});
      Operand<TInt32> cachePrefix = tf.stack(List.of(written, tf.constant(-1), tf.constant(-1), tf.constant(-1)));
      // [p+1, 1, rows]: PAD keys masked
      Operand<TFloat32> bias = tf.expandDims(tf.math.mul(pads, tf.constant(MASKED)), tf.constant(1));
      Operand<TInt32> entry = tf.stack(List.of(tf.constant(3), tf.constant(headWidth), tf.constant(heads), rows));

      for (int l = 0; l < blocks.size(); l++) {
        Block block = blocks.get(l);
        // [3·dh·H, rows] = W'ᵀ·xᵀ + b': q, k and v in the cache's layout [dh, H, rows], queries scaled
        Operand<TFloat32> qkv = tf.reshape(tf.math.add(tf.linalg.matMul(qkvWeights.get(l), x,
            org.tensorflow.op.linalg.MatMul.transposeA(true), org.tensorflow.op.linalg.MatMul.transposeB(true)),
            qkvBiases.get(l)), entry);
        List<Operand<TFloat32>> split = new ArrayList<>();
        tf.unstack(qkv, 3L).forEach(split::add);
        Operand<TFloat32> k = tf.slice(tf.scatterUpdate(keys.get(l), at, tf.expandDims(split.get(1),
            tf.constant(0))), cacheStart, cachePrefix);
        Operand<TFloat32> v = tf.slice(tf.scatterUpdate(values.get(l), at, tf.expandDims(split.get(2),
            tf.constant(0))), cacheStart, cachePrefix);
        // scores [p+1, H, rows] = Σ_e K[p+1, e, H, rows] · q[e, H, rows]; softmax over positions (axis 0)
        Operand<TFloat32> scores = tf.math.add(tf.sum(tf.math.mul(k, split.get(0)), tf.constant(1)), bias);
        Operand<TFloat32> shifted = tf.math.exp(tf.math.sub(scores, tf.max(scores, tf.constant(0),
            org.tensorflow.op.core.Max.keepDims(true))));
        Operand<TFloat32> weights = tf.math.div(shifted, tf.sum(shifted, tf.constant(0),
            org.tensorflow.op.core.Sum.keepDims(true)));
        // context [dh·H, rows], then the output projection with its rows in the same order
        Operand<TFloat32> context = tf.reshape(tf.sum(tf.math.mul(v, tf.expandDims(weights, tf.constant(1))),
            tf.constant(0)), tf.stack(List.of(tf.constant(width), rows)));
        Operand<TFloat32> attended = tf.nn.biasAdd(tf.linalg.matMul(context, outWeights.get(l),
            org.tensorflow.op.linalg.MatMul.transposeA(true)), block.out().bias());
        x = block.norm1().apply(tf, tf.math.add(x, attended));
        x = block.norm2().apply(tf, tf.math.add(x, block.down().apply(tf, tf.nn.relu(block.up().apply(tf, x)))));
      }
      return new Step(head.apply(tf, x), List.of());
    }

    @Override
    public int maxPositions() {
      return maxPositions;
    }
  }
}
