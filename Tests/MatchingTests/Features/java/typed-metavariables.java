class Commands {
  private Runtime runtime;

  void run(Runtime param, Object other, String cmd) {
    Runtime local = Runtime.getRuntime();
    var inferred = new Runtime();
    // ruleid: java-typed-metavariables
    param.exec(cmd);
    // ruleid: java-typed-metavariables
    local.exec(cmd);
    // ruleid: java-typed-metavariables
    inferred.exec(cmd);
    // ruleid: java-typed-metavariables
    runtime.exec(cmd);
    // ruleid: java-typed-metavariables
    this.runtime.exec(cmd);
    // ruleid: java-typed-metavariables
    ((Runtime) other).exec(cmd);
    // ok: java-typed-metavariables
    other.exec(cmd);
    // ok: java-typed-metavariables
    Runtime.getRuntime().exec(cmd);
    for (Runtime each : all()) {
      // ruleid: java-typed-metavariables
      each.exec(cmd);
    }
  }

  void elsewhere(Object local) {
    // ok: java-typed-metavariables
    local.exec("x");
  }
}
