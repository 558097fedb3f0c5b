package dev.rulebench.reports;

import dev.rulebench.io.Hashes;
import dev.rulebench.result.ResultCache;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@link ReportGenerator} reads and where it writes. Start from {@link #defaults} and change
 * what differs with the {@code with…} methods.
 *
 * @param runsFolder the run result files, e.g. {@code target/rulebench/runs}
 * @param outputFolder where tables, figures, the page and the Allure report go, e.g. {@code target/rulebench}
 * @param allureResultsFolder what {@code allure-junit-platform} wrote (default {@code <output>/allure-results})
 * @param allureHistoryStore where Allure's history is kept between builds
 * @param allureCommandline an unpacked Allure commandline, or empty to look for one ({@code rulebench.allure.home},
 *     then the zip in the local Maven repository)
 * @param allureHtml whether to render the Allure HTML report at all
 * @param console where the Markdown tables and the summary are printed
 * @param languageLoader where languages (for chance levels) are found
 */
public record ReportOptions(
    Path runsFolder,
    Path outputFolder,
    Path allureResultsFolder,
    Path allureHistoryStore,
    Optional<Path> allureCommandline,
    boolean allureHtml,
    PrintStream console,
    ClassLoader languageLoader) {

  /**
   * The defaults: Allure results in {@code <output>/allure-results}, the history kept under
   * {@code rulebench.cache.dir} (default {@code ~/.cache/rulebench}) per output folder, the
   * commandline located automatically, output to {@code System.out}.
   */
  public static ReportOptions defaults(Path runsFolder, Path outputFolder) {
    return new ReportOptions(runsFolder, outputFolder, outputFolder.resolve("allure-results"),
        defaultHistoryStore(outputFolder), Optional.empty(), true, System.out, defaultLoader());
  }

  public ReportOptions withAllureResultsFolder(Path folder) {
    return new ReportOptions(runsFolder, outputFolder, folder, allureHistoryStore, allureCommandline, allureHtml,
        console, languageLoader);
  }

  public ReportOptions withAllureHistoryStore(Path store) {
    return new ReportOptions(runsFolder, outputFolder, allureResultsFolder, store, allureCommandline, allureHtml,
        console, languageLoader);
  }

  /** @param home the unpacked {@code allure-2.34.1} folder */
  public ReportOptions withAllureCommandline(Path home) {
    return new ReportOptions(runsFolder, outputFolder, allureResultsFolder, allureHistoryStore, Optional.of(home),
        allureHtml, console, languageLoader);
  }

  public ReportOptions withAllureHtml(boolean render) {
    return new ReportOptions(runsFolder, outputFolder, allureResultsFolder, allureHistoryStore, allureCommandline,
        render, console, languageLoader);
  }

  public ReportOptions withConsole(PrintStream out) {
    return new ReportOptions(runsFolder, outputFolder, allureResultsFolder, allureHistoryStore, allureCommandline,
        allureHtml, out, languageLoader);
  }

  public ReportOptions withLanguageLoader(ClassLoader loader) {
    return new ReportOptions(runsFolder, outputFolder, allureResultsFolder, allureHistoryStore, allureCommandline,
        allureHtml, console, loader);
  }

  private static ClassLoader defaultLoader() {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    return context != null ? context : ReportOptions.class.getClassLoader();
  }

  /**
   * {@code <cache>/allure-history/<hash of the output folder>}: one trend per project checkout, in
   * the result cache's folder ({@code rulebench.cache.dir}, else the engine's default).
   */
  static Path defaultHistoryStore(Path outputFolder) {
    return ResultCache.configuredDirectory().resolve("allure-history")
        .resolve(Hashes.sha256(outputFolder.toAbsolutePath().normalize().toString()).substring(0, 16));
  }
}
