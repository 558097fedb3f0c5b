package dev.rulebench.engine.execution;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.reporting.FileEntry;
import org.junit.platform.engine.reporting.ReportEntry;

/** The engine's events, recorded, so that whatever was not reported can be settled at the end. */
final class Events {

  private final EngineExecutionListener listener;
  private final Set<UniqueId> started = ConcurrentHashMap.newKeySet();
  private final Set<UniqueId> finished = ConcurrentHashMap.newKeySet();

  Events(EngineExecutionListener listener) {
    this.listener = listener;
  }

  void started(TestDescriptor descriptor) {
    started.add(descriptor.getUniqueId());
    listener.executionStarted(descriptor);
  }

  void finished(TestDescriptor descriptor, TestExecutionResult result) {
    finished.add(descriptor.getUniqueId());
    listener.executionFinished(descriptor, result);
  }

  /** Skips a descriptor that has not started, and with it everything below it. */
  void skipped(TestDescriptor descriptor, String reason) {
    descriptor.accept(d -> finished.add(d.getUniqueId()));
    listener.executionSkipped(descriptor, reason);
  }

  void entry(TestDescriptor descriptor, Map<String, String> values) {
    listener.reportingEntryPublished(descriptor, ReportEntry.from(values));
  }

  void file(TestDescriptor descriptor, Path file, String mediaType) {
    listener.fileEntryPublished(descriptor, FileEntry.from(file, mediaType));
  }

  boolean hasStarted(TestDescriptor descriptor) {
    return started.contains(descriptor.getUniqueId());
  }

  boolean hasFinished(TestDescriptor descriptor) {
    return finished.contains(descriptor.getUniqueId());
  }

  /**
   * Reports what is left: descriptors never started are skipped with the reason, started
   * containers are finished once their children are settled.
   */
  void settle(TestDescriptor descriptor, String reason) {
    if (hasFinished(descriptor)) {
      return;
    }
    if (!hasStarted(descriptor)) {
      skipped(descriptor, reason);
      return;
    }
    for (TestDescriptor child : descriptor.getChildren()) {
      settle(child, reason);
    }
    finished(descriptor, TestExecutionResult.successful());
  }
}
