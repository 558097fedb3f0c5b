/**
 * What a researcher looks at after a run: {@link dev.rulebench.reports.ReportGenerator} turns a
 * folder of run results into tables beside the papers' values, figures and the Allure report.
 */
package dev.rulebench.reports;
