// ruleid: java-class-kinds
enum Level {
  LOW("a"),
  HIGH("b") {
    int weight() { return 2; }
  };
  String secret;
  Level(String secret) { this.secret = secret; }
}

// ok: java-class-kinds
class Plain {
  String secret;
}

// ok: java-class-kinds
interface Shape {
  String secret = "";
}

// ok: java-class-kinds
record Point(int x, int y) {
}
