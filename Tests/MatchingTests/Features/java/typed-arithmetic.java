class Timing {
  void run(int[] delays, long big, String name) {
    int base = 10;
    // ruleid: java-typed-arithmetic
    sleep(base * 2);
    // ruleid: java-typed-arithmetic
    sleep(delays.length);
    // ok: java-typed-arithmetic
    sleep(-base);
    // ok: java-typed-arithmetic
    sleep(base / 2);
    // ok: java-typed-arithmetic
    sleep(name + base);
  }
}
