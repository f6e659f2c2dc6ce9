class Pauses {
  void wait(long millis, int seconds, short ticks, byte raw, char unit, Integer boxed, double ratio,
      float gain, Double boxedRatio, boolean on, String name, Object thing) {
    // ruleid: integral-argument
    Thread.sleep(millis);
    // ruleid: integral-argument
    Thread.sleep(seconds);
    // ruleid: integral-argument
    Thread.sleep(ticks);
    // ruleid: integral-argument
    Thread.sleep(boxed);
    // ruleid: integral-argument
    Thread.sleep(1000);
    // ruleid: integral-argument
    Thread.sleep(seconds * 1000 + millis);
    // ruleid: integral-argument
    Thread.sleep(seconds % 7);
    // ruleid: integral-argument
    Thread.sleep((long) ratio);
    // ruleid: integral-argument
    Thread.sleep((byte) seconds);
    // ok: integral-argument
    Thread.sleep(raw);
    // ok: integral-argument
    Thread.sleep(unit);
    // ok: integral-argument
    Thread.sleep(seconds / 2);
    // ok: integral-argument
    Thread.sleep(raw + seconds);
    // ok: integral-argument
    Thread.sleep(ratio);
    // ok: integral-argument
    Thread.sleep(-seconds);

    // ruleid: floating-argument
    scale(ratio);
    // ruleid: floating-argument
    scale(gain);
    // ruleid: floating-argument
    scale(boxedRatio);
    // ruleid: floating-argument
    scale(0.5);
    // ruleid: floating-argument
    scale((double) seconds);
    // ok: floating-argument
    scale(ratio * 2);
    // ok: floating-argument
    scale(seconds);

    // ruleid: flag-argument
    enable(on);
    // ruleid: flag-argument
    enable(true);
    // ruleid: flag-argument
    enable(seconds > 3);
    // ok: flag-argument
    enable(name);

    // ruleid: object-argument
    log(thing);
    // ruleid: object-argument
    log((Object) name);
    // ok: object-argument
    log(name);
  }
}
