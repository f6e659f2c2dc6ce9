class Constants {
  private static final String LIST = "ls";

  void run(String input) {
    String fixed = "date";
    // ok: java-constant-propagation
    exec(fixed);
    // ok: java-constant-propagation
    exec(LIST);
    // ruleid: java-constant-propagation
    exec(input);
    String changed = "a";
    if (input.isEmpty()) {
      changed = input;
    }
    // ruleid: java-constant-propagation
    exec(changed);
    tasks.forEach(t -> {
      // ok: java-constant-propagation
      exec(fixed);
    });
    for (String each : tasks) {
      // ruleid: java-constant-propagation
      exec(fixed);
    }
  }
}
