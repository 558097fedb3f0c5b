package dev.rulebench.engine.descriptor;

import dev.rulebench.suite.CheckMethod;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.MethodSource;

/**
 * A check applied to one run ({@code [seed:N]/[check:<method>]}) or to a cell
 * ({@code [cell:…]/[check:<method>]}).
 */
public final class CheckDescriptor extends RuleBenchDescriptor {

  public static final String SEGMENT_TYPE = "check";

  private final CheckMethod check;
  private final Class<?> suiteClass;

  public CheckDescriptor(UniqueId uniqueId, CheckMethod check, Class<?> suiteClass) {
    super(uniqueId, check.displayName(), MethodSource.from(suiteClass, check.method()), check.tags(),
        check.ordinal());
    this.check = check;
    this.suiteClass = suiteClass;
  }

  public CheckMethod check() {
    return check;
  }

  public Class<?> suiteClass() {
    return suiteClass;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }

  @Override
  public String getLegacyReportingName() {
    String parent = getParent().map(p -> p.getLegacyReportingName()).orElse("");
    return check.name() + " [" + parent + "]";
  }

  @Override
  public int kindOrder() {
    return 1;
  }
}
