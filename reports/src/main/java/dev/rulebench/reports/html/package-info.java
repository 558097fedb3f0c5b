/** The report's front page, tying tables, figures and the Allure report together. */
package dev.rulebench.reports.html;
