class Logging {
  void twice(String a, String b) {
    // ruleid: java-ellipsis-metavariable
    log(a, b);
    log(a, b);
    // ok: java-ellipsis-metavariable
    log(a);
    log(b);
  }
}
