package dev.rulebench.models.tf.tensorboard;

import dev.rulebench.api.RunResult;
import dev.rulebench.eval.EvaluationPoint;
import dev.rulebench.eval.Metric;
import dev.rulebench.models.tf.graph.SessionSettings;
import dev.rulebench.spi.ProgressListener;
import dev.rulebench.trial.Trial;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Writes one run's curves as TensorBoard event files with TensorFlow's own summary ops
 * ({@code SummaryWriter}, {@code CreateSummaryFileWriter}, {@code WriteScalarSummary},
 * {@code FlushSummaryWriter}, {@code CloseSummaryWriter}) in a small graph of its own:
 * <ul>
 *   <li>{@code train/loss}: the training loss, at most about {@value #TRAIN_POINTS} points per run;
 *   <li>{@code train/loss_since_validation} and {@code train/learning_rate} at every validation;
 *   <li>{@code eval/<metric>} (e.g. {@code eval/test_loss}, {@code eval/ood_r1}) at every validation.
 * </ul>
 * The writer opens when training starts and closes when the run finishes. A failure to write is
 * reported once on standard error and never stops the run.
 */
public final class TensorBoardWriter implements ProgressListener, AutoCloseable {

  /** Roughly how many training-loss points a run logs, however long it trains. */
  static final int TRAIN_POINTS = 1000;

  private final Path logDirectory;
  private Graph graph;
  private Session session;
  private Placeholder<TInt64> step;
  private Placeholder<TString> tag;
  private Placeholder<TFloat32> value;
  private Op write;
  private Op flush;
  private Op closeWriter;
  private long stepInterval = 1;
  private boolean failed;

  /** @param logDirectory the run's folder; TensorFlow creates it and names the event file */
  public TensorBoardWriter(Path logDirectory) {
    this.logDirectory = logDirectory;
  }

  public Path logDirectory() {
    return logDirectory;
  }

  @Override
  public synchronized void started(Trial trial, long plannedSteps) {
    close();
    failed = false;
    stepInterval = Math.max(1, plannedSteps / TRAIN_POINTS);
    guarded(() -> open());
  }

  @Override
  public synchronized void stepped(Trial trial, long stepNumber, long plannedSteps, int epoch, double loss,
      Duration elapsed, Duration remaining) {
    if (stepNumber % stepInterval == 0 || stepNumber == 1) {
      scalar("train/loss", stepNumber, loss);
    }
  }

  @Override
  public synchronized void validated(Trial trial, EvaluationPoint point) {
    scalar("train/loss_since_validation", point.step(), point.trainLoss());
    scalar("train/learning_rate", point.step(), point.learningRate());
    for (Map.Entry<Metric, Double> metric : point.metrics().asMap().entrySet()) {
      scalar("eval/" + metric.getKey().key(), point.step(), metric.getValue());
    }
    guarded(() -> run(flush));
  }

  @Override
  public synchronized void finished(Trial trial, RunResult result) {
    close();
  }

  @Override
  public synchronized void failed(Trial trial, Throwable error) {
    close();
  }

  /** Writes one scalar; non-finite values (a diverged loss) are skipped, TensorBoard cannot plot them. */
  synchronized void scalar(String name, long stepNumber, double number) {
    if (session == null || failed || !Double.isFinite(number)) {
      return;
    }
    guarded(() -> {
      try (TInt64 stepTensor = TInt64.scalarOf(stepNumber);
          TString tagTensor = TString.scalarOf(name);
          TFloat32 valueTensor = TFloat32.scalarOf((float) number)) {
        // the op's effect is the event record; the (empty) result is closed at once
        session.runner().feed(step, stepTensor).feed(tag, tagTensor).feed(value, valueTensor).addTarget(write).run()
            .close();
      }
    });
  }

  /** Flushes and closes the event file and releases the graph; safe to call twice. */
  @Override
  public synchronized void close() {
    if (session != null) {
      guarded(() -> {
        run(flush);
        run(closeWriter);
      });
      session.close();
      graph.close();
      session = null;
      graph = null;
    }
  }

  private void open() {
    graph = new Graph();
    Ops tf = Ops.create(graph);
    // a resource name of its own, so runs in one JVM never share a writer
    Operand<? extends TType> writer = tf.summary.summaryWriter(
        SummaryWriter.sharedName("rulebench-" + System.identityHashCode(this) + "-" + System.nanoTime()));
    Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(logDirectory.toAbsolutePath().toString()),
        tf.constant(100), tf.constant(5_000), tf.constant(".rulebench"));
    step = tf.placeholder(TInt64.class);
    tag = tf.placeholder(TString.class);
    value = tf.placeholder(TFloat32.class);
    write = tf.summary.writeScalarSummary(writer, step, tag, value);
    flush = tf.summary.flushSummaryWriter(writer);
    closeWriter = tf.summary.closeSummaryWriter(writer);
    session = new Session(graph, SessionSettings.auxiliary().build());
    run(create);
  }

  private void run(Op target) {
    session.runner().addTarget(target).run().close(); // run for effect; nothing is fetched
  }

  private void guarded(Runnable action) {
    if (failed) {
      return;
    }
    try {
      action.run();
    } catch (RuntimeException e) {
      failed = true;
      System.err.println("TensorBoard logs for " + logDirectory + " stopped: " + e.getMessage());
    }
  }
}
