class Queries {
  void run(Db db, String input) {
    // ruleid: java-argument-ellipsis
    db.query("select 1");
    // ruleid: java-argument-ellipsis
    db.query(input, 3, "select 2");
    // ok: java-argument-ellipsis
    db.query("select 3", input);
    // ok: java-argument-ellipsis
    db.query();
  }
}
