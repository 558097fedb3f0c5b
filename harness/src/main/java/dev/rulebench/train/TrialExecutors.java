package dev.rulebench.train;

import dev.rulebench.config.NamedServices;
import dev.rulebench.spi.TrialExecutorFactory;

/** Finds the trial executors on the class path: {@code local} and any other registered one. */
public final class TrialExecutors {

  private TrialExecutors() {}

  public static NamedServices<TrialExecutorFactory> load(ClassLoader loader) {
    return NamedServices.load(TrialExecutorFactory.class, TrialExecutorFactory::name, "executor",
        "no trial executor is registered in META-INF/services/dev.rulebench.spi.TrialExecutorFactory", loader);
  }
}
