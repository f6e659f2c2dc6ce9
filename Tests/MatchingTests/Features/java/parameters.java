class Handlers {
  // ruleid: java-parameters
  public void get(HttpServletRequest request) {
    request.getParameter("a");
  }

  // ruleid: java-parameters
  String post(int id, HttpServletRequest request, boolean flag) {
    return "";
  }

  // ok: java-parameters
  void other(String request) {
  }
}
