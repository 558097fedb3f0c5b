package dev.rulebench.cli;

import dev.rulebench.result.RunEnvironment;
import picocli.CommandLine.IVersionProvider;

/** Prints RuleBench's version. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {"rulebench " + RunEnvironment.rulebenchVersion()};
  }
}
