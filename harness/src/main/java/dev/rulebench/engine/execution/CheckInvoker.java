package dev.rulebench.engine.execution;

import dev.rulebench.engine.descriptor.CheckDescriptor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.platform.commons.support.ReflectionSupport;
import org.junit.platform.engine.TestExecutionResult;
import org.opentest4j.TestAbortedException;

/**
 * Calls a check method with its argument: on a fresh suite instance (as Jupiter does per test) or
 * statically. An assertion error fails the check with its expected and actual values; any other
 * exception fails it as a crash, unwrapped from reflection.
 */
final class CheckInvoker {

  private CheckInvoker() {}

  static TestExecutionResult invoke(CheckDescriptor check, Object argument) {
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
