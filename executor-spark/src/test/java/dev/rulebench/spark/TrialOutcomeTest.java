package dev.rulebench.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rulebench.api.RunResult;
import dev.rulebench.config.ConfigException;
import dev.rulebench.config.Json;
import dev.rulebench.spark.testing.TestTrials;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.train.Trainer;
import dev.rulebench.trial.Trial;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
    RunResult result = new Trainer(ProgressListener.NONE).run(TestTrials.bigram(1));
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

  @Test
  void realOutcomesCrossJavaSerialisationAndTheFilter() throws Exception {
    // what Spark does to an outcome between executor and driver, then what the driver reads out of it
    RunResult result = new Trainer(ProgressListener.NONE).run(TestTrials.bigram(1));
    RunResult copy = overTheWire(TrialOutcome.succeeded(result, "0", 0)).resultOrThrow();
    assertThat(Json.write(copy)).isEqualTo(Json.write(result));

    RuntimeException trialFailure = (RuntimeException) catchThrowable(
        () -> new Trainer(ProgressListener.NONE).run(TestTrials.failing(1, 3)));
    assertThat(trialFailure).hasMessageContaining("configured to fail at step 3");
    ConfigException wrapped = new ConfigException("trial 1 failed");
    wrapped.initCause(trialFailure);
    wrapped.addSuppressed(new IllegalStateException("while closing the model"));
    Throwable thrown = catchThrowable(overTheWire(TrialOutcome.failed(wrapped, "1", 0))::resultOrThrow);
    assertThat(thrown).isExactlyInstanceOf(ConfigException.class).hasMessage("trial 1 failed");
    assertThat(thrown.getCause()).isExactlyInstanceOf(trialFailure.getClass()).hasMessage(trialFailure.getMessage());
    assertThat(thrown.getCause().getStackTrace()).isEqualTo(trialFailure.getStackTrace());
    assertThat(thrown.getSuppressed()).singleElement().isExactlyInstanceOf(IllegalStateException.class);

    // an exception of the user's own, with the plain values its fields may hold
    Throwable own = overTheWire(TrialOutcome.failed(new FailureWithValues(), "1", 0)).failure(getClass().getClassLoader());
    assertThat(own).isExactlyInstanceOf(FailureWithValues.class).hasMessage("diverged at step 3");
    FailureWithValues read = (FailureWithValues) own;
    assertThat(read.step).isEqualTo(3);
    assertThat(read.loss).isNaN();
    assertThat(read.losses).containsExactly(1.5, 0.5);
    assertThat(read.tokens).containsExactly(1, 2, 3);
    assertThat(read.names).containsExactly("a", "b");
    assertThat(read.state).isEqualTo(Thread.State.RUNNABLE);
  }

  @Test
  void aFailureCarryingAClassRuleBenchNeverSendsIsRefusedByName() throws Exception {
    TrialOutcome set = overTheWire(TrialOutcome.failed(
        new FailureWithPayload("model blew up", new HashSet<>(Set.of("a", "b"))), "3", 0));
    Throwable failure = set.failure(getClass().getClassLoader());
    assertThat(failure).isExactlyInstanceOf(RemoteTrialException.class)
        .hasMessage(FailureWithPayload.class.getName() + ": model blew up");
    assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage)
        .isEqualTo("executor sent a failure containing java.util.HashSet, which RuleBench does not accept");

    Payload.READ.set(false);
    TrialOutcome payload = overTheWire(TrialOutcome.failed(new FailureWithPayload("again", new Payload()), "3", 0));
    Throwable thrown = catchThrowable(payload::resultOrThrow);
    assertThat(thrown).isExactlyInstanceOf(RemoteTrialException.class);
    assertThat(thrown.getSuppressed()).singleElement().extracting(Throwable::getMessage).isEqualTo(
        "executor sent a failure containing " + Payload.class.getName() + ", which RuleBench does not accept");
    assertThat(Payload.READ).as("the refused class's readObject never ran").isFalse();
  }

  @Test
  void aFailureBeyondTheLimitsIsRefused() throws Exception {
    RuntimeException chain = new RuntimeException("level 0");
    for (int level = 1; level <= 100; level++) {
      chain = new RuntimeException("level " + level, chain);
    }
    assertThat(overTheWire(TrialOutcome.failed(chain, "4", 0)).failure(getClass().getClassLoader()))
        .isExactlyInstanceOf(RuntimeException.class).hasMessage("level 100");
    for (int level = 101; level <= 300; level++) {
      chain = new RuntimeException("level " + level, chain);
    }
    Throwable failure = overTheWire(TrialOutcome.failed(chain, "4", 0)).failure(getClass().getClassLoader());
    assertThat(failure).isExactlyInstanceOf(RemoteTrialException.class);
    assertThat(failure.getSuppressed()).singleElement().extracting(Throwable::getMessage).asString()
        .startsWith("executor sent a failure beyond RuleBench's limits (depth 20");
  }

  /** The outcome after Java serialisation, as Spark hands it from an executor to the driver. */
  private static TrialOutcome overTheWire(TrialOutcome outcome) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(outcome);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (TrialOutcome) in.readObject();
    }
  }

  /** A user's exception whose fields hold what an exception may carry. */
  static final class FailureWithValues extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Integer step = 3;
    final double loss = Double.NaN;
    final Double[] losses = {1.5, 0.5};
    final long[] tokens = {1, 2, 3};
    final String[] names = {"a", "b"};
    final Thread.State state = Thread.State.RUNNABLE;

    FailureWithValues() {
      super("diverged at step 3");
    }
  }

  /** A user's exception that carries something else. */
  static final class FailureWithPayload extends RuntimeException {
    private static final long serialVersionUID = 1L;
    @SuppressWarnings("unused")
    private final Serializable payload;

    FailureWithPayload(String message, Serializable payload) {
      super(message);
      this.payload = payload;
    }
  }

  /** A class RuleBench never sends; reading it records that its readObject ran. */
  static final class Payload implements Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicBoolean READ = new AtomicBoolean();

    private void readObject(ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
      READ.set(true);
      in.defaultReadObject();
    }
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
