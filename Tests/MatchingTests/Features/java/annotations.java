class Controller {
  // ruleid: java-annotations
  @GetMapping("/a")
  @ResponseBody
  public String a() {
    return "a";
  }

  // ruleid: java-annotations
  @ResponseBody
  @PostMapping(value = "/b", consumes = "text/plain")
  String b() {
    return "b";
  }

  // ok: java-annotations
  @GetMapping("/c")
  public String c() {
    return "c";
  }
}
