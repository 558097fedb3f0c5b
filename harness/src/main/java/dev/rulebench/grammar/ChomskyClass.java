package dev.rulebench.grammar;

/** Where a language sits in the Chomsky hierarchy. */
public enum ChomskyClass {
  REGULAR("regular"),
  CONTEXT_FREE("context-free"),
  CONTEXT_SENSITIVE("context-sensitive");

  private final String label;

  ChomskyClass(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
