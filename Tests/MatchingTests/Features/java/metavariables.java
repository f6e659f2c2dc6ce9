class Compare {
  boolean same(int a, int b) {
    // ruleid: java-metavariables
    boolean x = a == a;
    // ok: java-metavariables
    boolean y = a == b;
    // ruleid: java-metavariables
    return (a + 1) == (a + 1) || y;
  }
}
