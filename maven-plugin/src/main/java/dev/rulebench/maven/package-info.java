/**
 * The {@code rulebench} Maven goals: {@code run} (suites in a forked JVM), {@code verify} (checks
 * and baselines gate the build), {@code report} (tables, figures, Allure) and {@code baseline}.
 */
package dev.rulebench.maven;
