package dev.rulebench.reports.reference;

/**
 * A paper whose published values RuleBench compares against, with the credit every table and
 * figure that shows them carries.
 */
public enum Paper {

  /** The NeurIPS 2024 paper: the main table over six languages and five architectures. */
  RULE_EXTRAPOLATION(
      "Mészáros, Ujváry, Brendel, Reizinger, Huszár",
      "Rule Extrapolation in Language Models: A Study of Compositional Generalization on OOD Prompts",
      "NeurIPS 2024",
      "2409.13728"),

  /** The ICML 2024 position paper: the aⁿbⁿ case study with normal, adversarial and oracle training. */
  POSITION(
      "Reizinger et al.",
      "Position: Understanding LLMs Requires More Than Statistical Generalization",
      "ICML 2024",
      "2405.01964");

  private final String authors;
  private final String title;
  private final String venue;
  private final String arxiv;

  Paper(String authors, String title, String venue, String arxiv) {
    this.authors = authors;
    this.title = title;
    this.venue = venue;
    this.arxiv = arxiv;
  }

  public String authors() {
    return authors;
  }

  public String title() {
    return title;
  }

  public String venue() {
    return venue;
  }

  /** The arXiv identifier, e.g. {@code 2409.13728}. */
  public String arxiv() {
    return arxiv;
  }

  /** "Authors, Title, Venue, arXiv:id". */
  public String citation() {
    return authors + ", \"" + title + "\", " + venue + ", arXiv:" + arxiv;
  }

  /** The line under a table: where its reference values come from. */
  public String creditLine() {
    return "Reference values: " + citation()
        + "; recomputed from the authors' exported runs (mean ± std over runs).";
  }
}
