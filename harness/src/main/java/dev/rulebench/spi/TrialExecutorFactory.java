package dev.rulebench.spi;

/**
 * Creates a {@link TrialExecutor}, chosen by name with {@code rulebench.executor}. Implementations
 * are found through {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.rulebench.spi.TrialExecutorFactory}) and need a public no-argument
 * constructor; {@code local} is built in.
 */
public interface TrialExecutorFactory {

  /** The name {@code rulebench.executor} selects, e.g. {@code local} or {@code spark}. */
  String name();

  TrialExecutor create(ExecutorSettings settings);
}
