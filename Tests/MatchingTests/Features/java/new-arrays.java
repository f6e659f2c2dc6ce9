class Allocations {
  void run(int n) {
    // ruleid: java-new-arrays
    byte[] buffer = new byte[n];
    // ruleid: java-new-arrays
    String[] names = new String[] {"a", "b"};
    // ruleid: java-new-arrays
    Object o = new Object();
    // ok: java-new-arrays
    int[] literal = {1, 2};
  }
}
