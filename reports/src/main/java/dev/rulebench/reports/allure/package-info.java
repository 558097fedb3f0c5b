/**
 * Allure 2: completing the results of the engine's runs and checks, the launch files, the history
 * carried between builds, and the HTML report from the Allure commandline.
 */
package dev.rulebench.reports.allure;
