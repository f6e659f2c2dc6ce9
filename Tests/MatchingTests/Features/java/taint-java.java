class A {
  private String field;

  void run(HttpServletRequest request, Statement st) {
    String a = request.getParameter("a");
    // ruleid: taint-java
    st.executeQuery(a);
    String b = "select " + a;
    // ruleid: taint-java
    st.executeQuery(b);
    // ok: taint-java
    st.executeQuery(clean(a));
    String c;
    c = "x";
    // ok: taint-java
    st.executeQuery(c);
    if (x) {
      c = a;
    }
    // ruleid: taint-java
    st.executeQuery(c);
    StringBuilder sb = new StringBuilder();
    sb.append(a);
    // ok: taint-java
    st.executeQuery(sb.toString());
    this.field = a;
    // ruleid: taint-java
    st.executeQuery(this.field);
    String d = String.format("%s", a);
    // ruleid: taint-java
    st.executeQuery(d);
    for (String e : list(a)) {
      // ruleid: taint-java
      st.executeQuery(e);
    }
    String f = "y";
    switch (k) {
      case 1:
        f = a;
      case 2:
        // ruleid: taint-java
        st.executeQuery(f);
        break;
      default:
        f = "z";
    }
    // ruleid: taint-java
    st.executeQuery(f);
  }

  void resources(HttpServletRequest request, Statement st) {
    String p = request.getParameter("p");
    try (
      // ruleid: taint-java
      Reader r = st.executeQuery(p)) {
      r.close();
    }
  }

  void other(Statement st) {
    // ok: taint-java
    st.executeQuery(field);
  }
}
