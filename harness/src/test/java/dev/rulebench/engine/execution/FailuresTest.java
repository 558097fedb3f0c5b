package dev.rulebench.engine.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rulebench.io.Messages;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

  @Test
  void wrappersAreRemovedDownToTheFailureItself() {
    IllegalStateException crash = new IllegalStateException("boom");
    Throwable wrapped = new ExecutionException(new CompletionException(new InvocationTargetException(crash)));

    assertThat(Failures.unwrap(wrapped)).isSameAs(crash);
    assertThat(Failures.unwrap(crash)).isSameAs(crash);
    assertThat(Failures.unwrap(new RuntimeException(new ExecutionException(crash)))).isSameAs(crash);
    RuntimeException explained = new RuntimeException("while loading the data", crash);
    assertThat(Failures.unwrap(explained)).as("a wrapper with its own message says something").isSameAs(explained);
    assertThat(Messages.firstLine(new RuntimeException("first line\nsecond"))).isEqualTo("first line");
    assertThat(Messages.firstLine(new NullPointerException())).isEqualTo("NullPointerException");
  }
}
