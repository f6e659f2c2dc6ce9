class Literals {
  void run(String name, int count) {
    // ruleid: java-typed-literals
    log("literal");
    // ruleid: java-typed-literals
    log(name);
    // ok: java-typed-literals
    log(count);
    // ok: java-typed-literals
    log('c');
    // ruleid: java-typed-literals
    log((String) lookup());
    // ok: java-typed-literals
    log(lookup());
  }
}
