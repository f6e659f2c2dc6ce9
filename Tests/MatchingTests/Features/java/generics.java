import java.util.*;

class Generics {
  void declare() {
    // ruleid: java-generics
    Map<String, List<Integer>> byName = new HashMap<>();
    // ok: java-generics
    Map<Integer, String> byId = new HashMap<>();
    // ok: java-generics
    List<String> names = new ArrayList<>();
    boolean b = byId.size() >> 1 > 0;
  }
}
