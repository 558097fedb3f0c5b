package dev.rulebench.engine.descriptor;

import dev.rulebench.suite.CellDefinition;
import dev.rulebench.trial.Trial;
import java.util.List;
import java.util.Set;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource.LockMode;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;

/**
 * One training run: {@code [seed:N]}. It is a test of its own (Surefire counts it; it fails when
 * training fails) and the container of the per-seed checks.
 */
public final class RunDescriptor extends RuleBenchDescriptor {

  public static final String SEGMENT_TYPE = "seed";

  /** The key of the device lock. */
  public static final String DEVICE_RESOURCE = "rulebench.device";

  private final CellDefinition cell;
  private final long seed;

  public RunDescriptor(UniqueId uniqueId, CellDefinition cell, long seed, Class<?> suiteClass) {
    super(uniqueId, "seed " + seed, ClassSource.from(suiteClass), Set.of(), cell.seeds().indexOf(seed));
    this.cell = cell;
    this.seed = seed;
  }

  public CellDefinition cell() {
    return cell;
  }

  public long seed() {
    return seed;
  }

  /**
   * The resolved run.
   *
   * @throws dev.rulebench.config.ConfigException when no implementation of its architecture is on
   *     the class path
   */
  public Trial trial() {
    return cell.trial(seed);
  }

  /**
   * The device this run locks while it trains in this JVM: exclusively on the GPU, so GPU runs
   * serialise, and shared otherwise, so CPU runs overlap up to {@code rulebench.parallelism}.
   */
  public Set<ExclusiveResource> getExclusiveResources() {
    LockMode mode = "gpu".equals(cell.device()) ? LockMode.READ_WRITE : LockMode.READ;
    return Set.of(new ExclusiveResource(DEVICE_RESOURCE, mode));
  }

  /** The per-seed checks among the children. */
  public List<CheckDescriptor> checks() {
    return getChildren().stream().map(CheckDescriptor.class::cast).toList();
  }

  @Override
  public Type getType() {
    return Type.CONTAINER_AND_TEST;
  }

  /**
   * Children first, then the run: the platform's post-discovery filters (tags) remove only
   * descriptors without children, so a run must be visited after its excluded checks are gone, or
   * a tag filter would leave every run of an untagged suite in place, and train it.
   */
  @Override
  public void accept(Visitor visitor) {
    new java.util.ArrayList<>(getChildren()).forEach(child -> child.accept(visitor));
    visitor.visit(this);
  }

  @Override
  public String getLegacyReportingName() {
    return cell.id() + " seed " + seed;
  }

  @Override
  public int kindOrder() {
    return 0;
  }
}
