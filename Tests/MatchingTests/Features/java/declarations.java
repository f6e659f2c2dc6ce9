public class Handler extends HttpServlet implements Serializable, Cloneable {
  // ruleid: java-declarations
  protected void doGet(Request req) throws IOException {
    req.read();
  }

  // ok: java-declarations
  protected void doPost(Request req) throws ServletException {
  }

  // ok: java-declarations
  void quiet() {
  }
}

class Other {
  // ok: java-declarations
  void load() throws IOException {
  }
}
