package dev.rulebench.models.tf.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.NodeOutput;
import org.tensorflow.proto.RunMetadata;

/**
 * What occupied memory at the peak of one traced session run: the tensors that a step's first run
 * faults in (0.45–1.6 s per GB on this machine), and the ones a graph computes earlier than it
 * needs them.
 *
 * <p>TensorFlow's step statistics give each node's run time and each output's buffer, but not when a
 * buffer is freed. So a buffer is taken to live from the end of the node that made it until the end
 * of its last consumer that ran; outputs at one address whose lifetimes overlap are views of one
 * buffer ({@code Unpack}, {@code Reshape}, ops that write in place) and count once. An output that no
 * node of the run reads dies with its producer, as TensorFlow frees it: consumers that exist only in
 * the graph were pruned (the {@code ZerosLike} that TensorFlow's gradient builder makes for every
 * output that gets no gradient, such as the outputs through which {@code ManualGradient}'s marker
 * passes its inputs, is one), and the fetched results, the only other such outputs, are a step's few
 * scalars. The peak is the moment with the most live bytes.
 *
 * @param bytes live bytes at the peak
 * @param micros when the peak came, from the start of the run
 * @param buffers the buffers live at the peak, largest first
 */
public record LiveMemory(long bytes, long micros, List<Buffer> buffers) {

  /** One buffer: the output that made it, its op type, size and shape. */
  public record Buffer(String output, String type, long bytes, String shape) {}

  /** A buffer's lifetime, in microseconds of the run. */
  private record Lifetime(Buffer buffer, long from, long to) {}

  public static LiveMemory atPeak(RunMetadata metadata, GraphDef graph) {
    List<NodeExecStats> nodes = new ArrayList<>();
    metadata.getStepStats().getDevStatsList().forEach(device -> nodes.addAll(device.getNodeStatsList()));
    Map<String, long[]> runs = new HashMap<>(); // node → {start, end}
    for (NodeExecStats node : nodes) {
      runs.put(node.getNodeName(), new long[] {node.getAllStartMicros(),
          node.getAllStartMicros() + node.getAllEndRelMicros()});
    }
    long start = runs.values().stream().mapToLong(r -> r[0]).min().orElse(0);
    Map<String, Long> lastUse = new HashMap<>(); // "node:slot" → end of its last consumer
    for (NodeDef node : graph.getNodeList()) {
      long[] run = runs.get(node.getName());
      for (String input : node.getInputList()) {
        if (run != null && !input.startsWith("^")) {
          lastUse.merge(input.contains(":") ? input : input + ":0", run[1], Math::max);
        }
      }
    }
    Map<Long, List<Lifetime>> byAddress = new HashMap<>();
    for (NodeExecStats node : nodes) {
      long made = runs.get(node.getNodeName())[1];
      for (NodeOutput output : node.getOutputList()) {
        var description = output.getTensorDescription();
        String name = node.getNodeName() + ":" + output.getSlot();
        Buffer buffer = new Buffer(name, StepProfile.opType(node), description.getAllocationDescription().getAllocatedBytes(),
            description.getShape().getDimList().stream().map(d -> Long.toString(d.getSize())).toList().toString());
        long address = description.getAllocationDescription().getPtr();
        byAddress.computeIfAbsent(address, a -> new ArrayList<>())
            .add(new Lifetime(buffer, made, lastUse.getOrDefault(name, made)));
      }
    }
    List<Lifetime> lifetimes = new ArrayList<>();
    byAddress.values().forEach(views -> lifetimes.addAll(joinViews(views)));
    // sweep the lifetimes' starts and ends in time order
    List<long[]> events = new ArrayList<>();
    for (Lifetime l : lifetimes) {
      events.add(new long[] {l.from(), l.buffer().bytes()});
      events.add(new long[] {l.to() + 1, -l.buffer().bytes()});
    }
    events.sort(Comparator.comparingLong(e -> e[0]));
    long live = 0;
    long peak = 0;
    long peakAt = start;
    for (long[] event : events) {
      live += event[1];
      if (live > peak) {
        peak = live;
        peakAt = event[0];
      }
    }
    long at = peakAt;
    List<Buffer> atPeak = lifetimes.stream().filter(l -> l.from() <= at && l.to() >= at).map(Lifetime::buffer)
        .sorted(Comparator.comparingLong(Buffer::bytes).reversed()).toList();
    return new LiveMemory(peak, at - start, atPeak);
  }

  /** Outputs at one address: overlapping lifetimes are views of one buffer, others reuse the address. */
  private static List<Lifetime> joinViews(List<Lifetime> views) {
    views.sort(Comparator.comparingLong(Lifetime::from));
    List<Lifetime> joined = new ArrayList<>();
    Lifetime current = null;
    for (Lifetime view : views) {
      if (current != null && view.from() <= current.to()) {
        Buffer first = current.buffer();
        current = new Lifetime(new Buffer(first.output(), first.type(), Math.max(first.bytes(), view.buffer().bytes()),
            first.shape()), current.from(), Math.max(current.to(), view.to()));
      } else {
        if (current != null) {
          joined.add(current);
        }
        current = view;
      }
    }
    joined.add(current);
    return joined;
  }

  /** The peak, the live bytes per op type and shape, and the largest buffers. */
  public String describe(int limit) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
        "live at the peak, %.1f ms into the run: %.0f MB in %d buffers%n", micros / 1e3, bytes / 1e6, buffers.size()));
    Map<String, long[]> groups = new HashMap<>(); // op type and shape → {bytes, buffers}
    buffers.forEach(b -> {
      long[] group = groups.computeIfAbsent(b.type() + " " + b.shape(), k -> new long[2]);
      group[0] += b.bytes();
      group[1]++;
    });
    groups.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(limit)
        .forEach(e -> text.append(String.format(Locale.ROOT, "  %-50s %9.1f MB %6d×%n", e.getKey(),
            e.getValue()[0] / 1e6, e.getValue()[1])));
    text.append("largest live buffers:\n");
    buffers.stream().limit(limit).forEach(b -> text.append(String.format(Locale.ROOT, "  %-60s %-16s %8.1f MB %s%n",
        b.output(), b.type(), b.bytes() / 1e6, b.shape())));
    return text.toString();
  }
}
