package dev.rulebench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Json;
import dev.rulebench.run.ProgressListener;
import dev.rulebench.run.Trial;
import dev.rulebench.run.TrialRunner;
import dev.rulebench.spark.testing.TestTrials;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;

/** What crosses the wire between driver and executors: trials in, results and failures out. */
class TrialOutcomeTest {

  @Test
  void aTrialSurvivesJavaSerialisation() throws Exception {
    Trial trial = TestTrials.slow(3, 7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(trial);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      Trial copy = (Trial) in.readObject();
      assertThat(copy).isEqualTo(trial);
      assertThat(copy.cacheKey()).isEqualTo(trial.cacheKey());
    }
  }

  @Test
  void aResultComesBackAsTheSameJson() {
    RunResult result = new TrialRunner(ProgressListener.NONE).run(TestTrials.bigram(1));
    RunResult copy = TrialOutcome.succeeded(result, "0", 0).resultOrThrow();
    assertThat(Json.write(copy)).isEqualTo(Json.write(result));
    assertThat(copy.paperMetrics()).isEqualTo(result.paperMetrics());
  }

  @Test
  void aFailureIsRethrownWithItsOwnTypeAndMessage() {
    TrialOutcome outcome = TrialOutcome.failed(new ConfigException("unknown key 'x'"), "1", 0);
    assertThat(outcome.succeeded()).isFalse();
    assertThatThrownBy(outcome::resultOrThrow).isExactlyInstanceOf(ConfigException.class).hasMessage("unknown key 'x'");
    TrialOutcome assertion = TrialOutcome.failed(new AssertionError("expected 1 but was 2"), "1", 0);
    assertThatThrownBy(assertion::resultOrThrow).isExactlyInstanceOf(AssertionError.class);
  }

  @Test
  void aFailureWhoseClassTheDriverLacksArrivesAsTextWithItsCause() throws Exception {
    TrialOutcome outcome = TrialOutcome.failed(
        new ExecutorOnlyFailure("model blew up", new IllegalStateException("step 3")), "2", 1);
    try (URLClassLoader withoutTestClasses = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
      Throwable failure = outcome.failure(withoutTestClasses);
      assertThat(failure).isInstanceOf(RemoteTrialException.class)
          .hasMessage(ExecutorOnlyFailure.class.getName() + ": model blew up");
      assertThat(((RemoteTrialException) failure).remoteClassName()).isEqualTo(ExecutorOnlyFailure.class.getName());
      assertThat(failure.getStackTrace()).isNotEmpty();
      assertThat(failure.getCause()).hasMessage("java.lang.IllegalStateException: step 3");
    }
  }

  @Test
  void aFailureThatCannotBeSerialisedStillTravelsAsText() {
    TrialOutcome outcome = TrialOutcome.failed(new UnserialisableFailure(), "0", 0);
    assertThat(outcome.failureBytes()).isNull();
    assertThatThrownBy(outcome::resultOrThrow).isInstanceOf(RemoteTrialException.class)
        .hasMessageContaining("holds a thread");
  }

  /** Stands for a user's exception class shipped to the executors only. */
  static final class ExecutorOnlyFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ExecutorOnlyFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static final class UnserialisableFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("unused")
    private final transient Object ignored = null;
    private final Thread thread = Thread.currentThread();

    UnserialisableFailure() {
      super("holds a thread");
    }
  }
}
