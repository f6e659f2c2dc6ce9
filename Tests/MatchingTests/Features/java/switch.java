record Command(String name, int level) {
  Command {
    check(name);
  }
}

class Dispatch {
  String run(Object value, int code) {
    String result = switch (code) {
      // ruleid: java-switch
      case 1, 2 -> exec("one");
      case 3 -> {
        // ruleid: java-switch
        yield exec("three");
      }
      // ok: java-switch
      default -> "none";
    };
    switch (value) {
      case String s when s.isEmpty():
        // ruleid: java-switch
        exec(s);
        break;
      default:
        break;
    }
    if (value instanceof Command c && c.level() > 1) {
      // ruleid: java-switch
      exec(c.name());
    }
    int shifted = code >> 2 >>> 1;
    java.util.List<java.util.List<String>> nested = null;
    char quote = '\'';
    return result;
  }
}
