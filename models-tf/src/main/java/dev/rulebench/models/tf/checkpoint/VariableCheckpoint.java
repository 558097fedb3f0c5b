package dev.rulebench.models.tf.checkpoint;

import dev.rulebench.models.tf.graph.Tensors;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Saves and restores a fixed list of variables (a model's weights and its optimizer's moments and
 * step count) as one file, {@code variables.bin}: a small header, then per variable its name, type,
 * shape and values. Restoring checks that names, types and shapes match the graph, so a checkpoint
 * of another architecture or configuration is refused with the first difference named.
 */
public final class VariableCheckpoint {

  /** The file inside a checkpoint directory. */
  public static final String FILE = "variables.bin";

  private static final int MAGIC = 0x52424346; // "RBCF"
  private static final int VERSION = 1;
  private static final byte FLOAT32 = 1;
  private static final byte INT64 = 2;

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private record Entry(Variable<?> variable, Shape shape, byte type, Placeholder<?> value, Op assign) {}

  /**
   * Builds the restore ops for these variables; call while building the graph.
   *
   * @param scope the checkpoint's own name scope, e.g. {@code tf.withSubScope("checkpoint")} opened
   *     while the graph was small ({@code Ops.withSubScope} reads the name of every op in the graph)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public VariableCheckpoint(Ops scope, List<? extends Variable<?>> variables) {
    for (Variable<?> variable : variables) {
      String name = variable.op().name();
      byte type;
      Placeholder value;
      if (variable.type() == TFloat32.class) {
        type = FLOAT32;
        value = scope.placeholder(TFloat32.class);
      } else if (variable.type() == TInt64.class) {
        type = INT64;
        value = scope.placeholder(TInt64.class);
      } else {
        throw new IllegalArgumentException("cannot checkpoint " + name + " of type " + variable.type());
      }
      Op assign = scope.assign((Operand) variable, value);
      entries.put(name, new Entry(variable, variable.shape(), type, value, assign));
    }
  }

  /** Writes every variable's current value into {@code directory/variables.bin}. */
  public void save(Session session, Path directory) {
    List<Entry> list = new ArrayList<>(entries.values());
    Session.Runner runner = session.runner();
    for (Entry e : list) {
      runner.fetch(e.variable());
    }
    try (Result result = runner.run();
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
            Files.newOutputStream(directory.resolve(FILE)), 1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(list.size());
      for (int i = 0; i < list.size(); i++) {
        Entry e = list.get(i);
        Tensor tensor = result.get(i);
        out.writeUTF(e.variable().op().name());
        out.writeByte(e.type());
        long[] dims = tensor.shape().asArray();
        out.writeInt(dims.length);
        for (long d : dims) {
          out.writeLong(d);
        }
        if (e.type() == FLOAT32) {
          for (float f : Tensors.toFloats((TFloat32) tensor)) {
            out.writeFloat(f);
          }
        } else {
          for (long l : Tensors.toLongs((TInt64) tensor)) {
            out.writeLong(l);
          }
        }
      }
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write the checkpoint in " + directory, ex);
    }
  }

  /**
   * Copies the values of some of these variables from one session of the graph to another (each
   * session keeps its own variable values).
   */
  public void copy(Session from, Session to, List<? extends Variable<?>> variables) {
    Session.Runner fetch = from.runner();
    for (Variable<?> v : variables) {
      fetch.fetch(v);
    }
    try (Result values = fetch.run()) {
      Session.Runner assign = to.runner();
      for (int i = 0; i < variables.size(); i++) {
        Entry e = entries.get(variables.get(i).op().name());
        if (e == null) {
          throw new IllegalArgumentException(variables.get(i).op().name() + " is not checkpointed");
        }
        assign.feed(e.value(), values.get(i)).addTarget(e.assign());
      }
      assign.run().close();
    }
  }

  /** Replaces every variable's value with what {@link #save} wrote. */
  public void restore(Session session, Path directory) {
    Path file = directory.resolve(FILE);
    List<Tensor> values = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IllegalArgumentException(file + " is not a RuleBench TensorFlow checkpoint (or of another version)");
      }
      int count = in.readInt();
      if (count != entries.size()) {
        throw new IllegalArgumentException(file + " holds " + count + " variables, this model has " + entries.size());
      }
      Session.Runner runner = session.runner();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        Entry e = entries.get(name);
        if (e == null) {
          throw new IllegalArgumentException(file + " holds " + name + ", which this model does not have");
        }
        byte type = in.readByte();
        long[] dims = new long[in.readInt()];
        for (int d = 0; d < dims.length; d++) {
          dims[d] = in.readLong();
        }
        if (type != e.type() || (!e.shape().hasUnknownDimension() && !Arrays.equals(dims, e.shape().asArray()))) {
          throw new IllegalArgumentException(file + ": " + name + " has shape " + Arrays.toString(dims)
              + " in the checkpoint but " + e.shape() + " in this model");
        }
        int size = Math.toIntExact(Shape.of(dims).size());
        Tensor tensor;
        if (type == FLOAT32) {
          float[] data = new float[size];
          for (int k = 0; k < size; k++) {
            data[k] = in.readFloat();
          }
          tensor = Tensors.floats(data, dims);
        } else {
          long[] data = new long[size];
          for (int k = 0; k < size; k++) {
            data[k] = in.readLong();
          }
          tensor = Tensors.longs(data, dims);
        }
        values.add(tensor);
        runner.feed(e.value(), tensor).addTarget(e.assign());
      }
      runner.run().close();
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot read the checkpoint " + file, ex);
    } finally {
      values.forEach(Tensor::close);
    }
  }
}
