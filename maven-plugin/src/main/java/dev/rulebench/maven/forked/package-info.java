/**
 * What runs inside the forked JVM: a main that launches the JUnit Platform with the
 * {@code rulebench} engine and writes every event to a JSON-lines file the plugin reads.
 *
 * <p>These classes run on the project's test class path plus the launcher, so they use nothing but
 * the JDK and the JUnit Platform launcher API: no Maven, no Jackson, no RuleBench classes.
 */
package dev.rulebench.maven.forked;
