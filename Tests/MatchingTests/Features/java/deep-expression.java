class Files {
  void open(HttpServletRequest req) {
    // ruleid: java-deep-expression
    new File("/data/" + req.getParameter("name").trim());
    // ruleid: java-deep-expression
    new File(req.getParameter("name"));
    // ok: java-deep-expression
    new File("/data/fixed");
  }
}
