class Folding {
  static final String BIN = "/usr/bin/";

  void run(String user) throws Exception {
    // ok: java-string-folding
    Runtime.getRuntime().exec("ls" + " -l");
    // ok: java-string-folding
    Runtime.getRuntime().exec(BIN + "id");
    // ruleid: java-string-folding
    Runtime.getRuntime().exec(BIN + user);
    // ruleid: java-string-folding
    Runtime.getRuntime().exec("rm " + user);
    String tool = BIN + "whoami";
    // ok: java-string-folding
    Runtime.getRuntime().exec(tool);
    String mixed = BIN + user;
    // ruleid: java-string-folding
    Runtime.getRuntime().exec(mixed);
  }
}
