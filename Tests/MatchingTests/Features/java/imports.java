import java.lang.Runtime;
import static java.lang.Runtime.getRuntime;

class Imports {
  void run() {
    // ruleid: java-imports
    Runtime.getRuntime();
    // ruleid: java-imports
    getRuntime();
    // ruleid: java-imports
    java.lang.Runtime.getRuntime();
    // ok: java-imports
    Other.getRuntime();
  }
}
