package dev.rulebench.models.tf.graph;

import dev.rulebench.spi.RandomStreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The trainable variables of one model, created with seeded initial values.
 *
 * <p>Each variable's initial value is drawn in the graph by a stateless generator whose seed comes
 * from the model seed and the variable's name, so the same seed gives the same weights on every
 * machine, and adding a variable leaves the others' values unchanged. The optimizer, the
 * checkpoint and the parameter count all read the list kept here.
 */
public final class Parameters {

  /** One trainable variable. */
  public record Parameter(String name, Variable<TFloat32> variable, Shape shape) {
    public long size() {
      return shape.size();
    }
  }

  private final Ops tf;
  private final long seed;
  private final String prefix;
  private final List<Parameter> all;

  public Parameters(Ops tf, long seed) {
    this(tf, seed, "", new ArrayList<>());
  }

  private Parameters(Ops tf, long seed, String prefix, List<Parameter> all) {
    this.tf = tf;
    this.seed = seed;
    this.prefix = prefix;
    this.all = all;
  }

  /** A view whose names start with {@code scope/}; variables still land in the same list. */
  public Parameters scoped(String scope) {
    return new Parameters(tf, seed, prefix + scope + "/", all);
  }

  /** Uniform on [−bound, bound]: PyTorch's default for linear layers (bound 1/√fan_in) and the LSTM. */
  public Variable<TFloat32> uniform(String name, double bound, long... shape) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> unit = init.random.statelessRandomUniform(init.constant(Shape.of(shape)), seedOf(init, name),
        TFloat32.class);
    Operand<TFloat32> value = init.math.mul(init.math.sub(unit, init.constant(0.5f)), init.constant((float) (2 * bound)));
    return add(name, value, shape);
  }

  /** Xavier (Glorot) uniform: bound √(6 / (fan_in + fan_out)). */
  public Variable<TFloat32> xavierUniform(String name, long fanIn, long fanOut, long... shape) {
    return uniform(name, Math.sqrt(6.0 / (fanIn + fanOut)), shape);
  }

  /** Normal with mean 0: PyTorch's default for embeddings (std 1). */
  public Variable<TFloat32> normal(String name, double std, long... shape) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> unit = init.random.statelessRandomNormal(init.constant(Shape.of(shape)), seedOf(init, name),
        TFloat32.class);
    return add(name, init.math.mul(unit, init.constant((float) std)), shape);
  }

  /**
   * Fixed initial values, the same for every seed: structured initialisations such as Mamba's
   * {@code A_log = log(1…N)} or xLSTM's gate-bias ramps.
   *
   * @param values row-major, as many as the shape has entries
   */
  public Variable<TFloat32> constant(String name, float[] values, long... shape) {
    if (values.length != Shape.of(shape).size()) {
      throw new IllegalArgumentException(name + ": " + values.length + " values for shape " + Shape.of(shape));
    }
    Ops init = tf.withInitScope();
    return add(name, init.constant(Shape.of(shape), DataBuffers.of(values, true, false)),
        shape);
  }

  /**
   * A seeded draw transformed in the graph: {@code value} maps a tensor of independent U[0, 1)
   * entries of the variable's shape to its initial value (Mamba's dt bias, the inverse softplus of
   * a log-uniform step size).
   */
  public Variable<TFloat32> fromUniform(String name, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> value, long... shape) {
    Ops init = tf.withInitScope();
    Operand<TFloat32> unit = init.random.statelessRandomUniform(init.constant(Shape.of(shape)), seedOf(init, name),
        TFloat32.class);
    return add(name, value.apply(init, unit), shape);
  }

  /** Every entry the same value: zeros for biases, ones for norm gains. */
  public Variable<TFloat32> filled(String name, float value, long... shape) {
    Ops init = tf.withInitScope();
    return add(name, init.fill(init.constant(Shape.of(shape)), init.constant(value)), shape);
  }

  private Variable<TFloat32> add(String name, Operand<TFloat32> initialValue, long... shape) {
    String full = prefix + name;
    for (Parameter p : all) {
      if (p.name().equals(full)) {
        throw new IllegalArgumentException("two parameters are named " + full);
      }
    }
    Variable<TFloat32> variable = tf.withName(full.replace('/', '.')).variable(initialValue);
    all.add(new Parameter(full, variable, Shape.of(shape)));
    return variable;
  }

  private Operand<TInt64> seedOf(Ops init, String name) {
    return init.constant(new long[] {RandomStreams.derive(seed, "init:" + prefix + name, 0), 0});
  }

  /** All variables created through this set and its scoped views, in creation order. */
  public List<Parameter> all() {
    return Collections.unmodifiableList(all);
  }

  /** Trainable scalars. */
  public long count() {
    return all.stream().mapToLong(Parameter::size).sum();
  }
}
