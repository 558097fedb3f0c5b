/** What a {@code rulebench:run} did, written to {@code summary.json} for the goals that follow it. */
package dev.rulebench.maven.summary;
