import java.io.*;
import static java.nio.file.Files.*;

class Temporary {
  void make() throws IOException {
    // ruleid: java-wildcard-imports
    File.createTempFile("a", "b");
    // ruleid: java-wildcard-imports
    new FileWriter("/tmp/x");
    // ruleid: java-wildcard-imports
    createTempFile("c", "d");
    // ok: java-wildcard-imports
    Other.createTempFile("e", "f");
    // ok: java-wildcard-imports
    new java.util.FileWriter();
  }
}
