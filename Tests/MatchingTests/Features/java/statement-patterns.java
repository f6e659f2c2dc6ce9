class Secrets {
  // ruleid: java-statement-patterns
  String field = readSecret("init");

  String run() {
    // ruleid: java-statement-patterns
    readSecret("a");
    // ruleid: java-statement-patterns
    String s = readSecret("b");
    // ruleid: java-statement-patterns
    s = decode(readSecret("c"));
    // ok: java-statement-patterns
    if (readSecret("d") != null) {
      // ruleid: java-statement-patterns
      return readSecret("e");
    }
    return s;
  }
}
