package dev.rulebench.engine.execution;

import dev.rulebench.engine.descriptor.CheckDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

/**
 * Runs one check, from its start event to its finish event: calls the method with its argument on
 * a fresh suite instance (as Jupiter does per test) or statically. An assertion error fails the
 * check with its expected and actual values; any other exception fails it as a crash, unwrapped
 * from reflection.
 */
final class CheckRunner {

  private final Events events;
  private final EngineConsole console;

  CheckRunner(Events events, EngineConsole console) {
    this.events = events;
    this.console = console;
  }

  /**
   * @param identify publishes the check's identity entries, right after it starts
   * @param where the check's run or cell, for the console
   */
  void run(CheckDescriptor check, Object argument, Runnable identify, String where) {
    events.started(check);
    identify.run();
    TestExecutionResult outcome = invoke(check, argument);
    if (outcome.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
      console.checkPassed();
    } else {
      console.checkFailed(where + " " + check.check().name(), outcome.getThrowable().orElseThrow());
    }
    events.finished(check, outcome);
  }

  /** Skips a check whose input is missing. */
  void skip(CheckDescriptor check, String reason) {
    events.skipped(check, reason);
    console.checkSkipped();
  }

  private static TestExecutionResult invoke(CheckDescriptor check, Object argument) {
    Method method = check.check().method();
    try {
      Object instance = Modifier.isStatic(method.getModifiers()) ? null
          : ReflectionSupport.newInstance(check.suiteClass());
      ReflectionSupport.invokeMethod(method, instance, argument);
      return TestExecutionResult.successful();
    } catch (Throwable thrown) {
      Throwable failure = Failures.unwrap(thrown);
      if (failure instanceof OutOfMemoryError error) {
        throw error;
      }
      return failure instanceof TestAbortedException ? TestExecutionResult.aborted(failure)
          : TestExecutionResult.failed(failure);
    }
  }
}
