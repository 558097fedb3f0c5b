package dev.rulebench.models.tf.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

/**
 * Where one traced session run spent its time, summed per op type (and per node): what tells a
 * slow graph's bottleneck from its noise. Built from TensorFlow's own step statistics.
 */
public final class StepProfile {

  /** Run options that make a session run record step statistics. */
  public static final RunOptions TRACE = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE)
      .build();

  /** Time and count of one op type or node. */
  public record Entry(String name, long micros, int count) {}

  private final RunMetadata metadata;
  private final Map<String, long[]> byType = new LinkedHashMap<>();
  private final Map<String, long[]> byNode = new LinkedHashMap<>();
  private long totalMicros;

  public StepProfile(RunMetadata metadata) {
    this.metadata = metadata;
    for (DeviceStepStats device : metadata.getStepStats().getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        long micros = node.getAllEndRelMicros();
        String type = opType(node);
        add(byType, type, micros);
        add(byNode, node.getNodeName() + " (" + type + ")", micros);
        totalMicros += micros;
      }
    }
  }

  /** A traced node's op type, from its timeline label ("name = Type(inputs)"). */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    return label.contains("= ") ? label.substring(label.indexOf("= ") + 2).split("\\(")[0] : node.getNodeName();
  }

  private static void add(Map<String, long[]> map, String key, long micros) {
    long[] slot = map.computeIfAbsent(key, k -> new long[2]);
    slot[0] += micros;
    slot[1]++;
  }

  /** The op types that took longest, most first. */
  public List<Entry> topTypes(int limit) {
    return top(byType, limit);
  }

  /** The nodes that took longest, most first. */
  public List<Entry> topNodes(int limit) {
    return top(byNode, limit);
  }

  private static List<Entry> top(Map<String, long[]> map, int limit) {
    List<Entry> entries = new ArrayList<>();
    map.forEach((k, v) -> entries.add(new Entry(k, v[0], (int) v[1])));
    entries.sort(Comparator.comparingLong(Entry::micros).reversed());
    return entries.subList(0, Math.min(limit, entries.size()));
  }

  /** What occupied memory at the run's peak; {@code graph} is the session's graph. */
  public LiveMemory liveMemory(GraphDef graph) {
    return LiveMemory.atPeak(metadata, graph);
  }

  /** Op time summed over all nodes (more than wall time when ops overlap). */
  public long totalMicros() {
    return totalMicros;
  }

  /** A table of the top op types and nodes. */
  public String describe(int limit) {
    StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "op time %.1f ms over %d nodes%n",
        totalMicros / 1e3, byNode.size()));
    for (Entry e : topTypes(limit)) {
      text.append(String.format(Locale.ROOT, "  %-28s %9.1f ms %6d×%n", e.name(), e.micros() / 1e3, e.count()));
    }
    text.append("slowest nodes:\n");
    for (Entry e : topNodes(limit)) {
      text.append(String.format(Locale.ROOT, "  %-70s %9.1f ms%n", e.name(), e.micros() / 1e3));
    }
    return text.toString();
  }
}
