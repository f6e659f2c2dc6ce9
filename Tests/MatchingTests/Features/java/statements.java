class Streams {
  void use() {
    Stream s;
    // ruleid: java-statements
    s = open("a");
    s.read();
    if (s.ready()) {
      s.skip(1);
    }
    s.close();
  }

  void never() {
    Stream t;
    // ok: java-statements
    t = open("b");
    t.read();
  }
}
