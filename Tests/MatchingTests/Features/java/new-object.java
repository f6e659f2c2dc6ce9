import java.util.ArrayList;

class Builders {
  Object make(String s) {
    // ruleid: java-new-object
    Object a = new StringBuilder("x");
    // ruleid: java-new-object
    Object b = new java.io.File("/tmp/x");
    // ok: java-new-object
    Object c = new ArrayList<String>();
    // ok: java-new-object
    Object d = new StringBuilder(s);
    // ok: java-new-object
    int[] e = new int[] {1, 2};
    return new Runnable() {
      public void run() {
        // ruleid: java-new-object
        new Thread("worker").start();
      }
    };
  }
}
