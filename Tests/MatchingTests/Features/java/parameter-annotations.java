class Api {
  // ruleid: java-parameter-annotations
  public String a(@RequestParam String name) { return name; }

  // ok: java-parameter-annotations
  public String b(String name) { return name; }

  // ruleid: java-parameter-annotations
  public String c(int page, @RequestParam final String query) { return query; }

  // ok: java-parameter-annotations
  public String d(@RequestBody Dto dto) { return ""; }
}

class Named {
  // ok: java-parameter-annotations
  public String e(@RequestParam("q") String query) { return query; }
}
