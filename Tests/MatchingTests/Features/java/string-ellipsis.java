class Sql {
  void run(Statement stmt, String name) {
    // ruleid: java-string-ellipsis
    stmt.executeQuery("select * from t where name = " + name);
    // ruleid: java-string-ellipsis
    stmt.executeQuery("""
        select * from t where id =
        """ + name);
    // ok: java-string-ellipsis
    stmt.executeQuery("select 1");
    // ok: java-string-ellipsis
    stmt.executeQuery(name + "x");
  }
}
