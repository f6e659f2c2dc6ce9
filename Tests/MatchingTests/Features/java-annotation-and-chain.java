@Path("/")
class Resource {
  @POST
  // ruleid: accepts-any-media-type
  @Consumes("*/*")
  public Map<String, String> concat(Pair pair) {
    return null;
  }

  // ok: accepts-any-media-type
  @Consumes("application/json")
  public Map<String, String> count(
      // ruleid: accepts-any-media-type
      @Consumes("*/*") Pair pair) {
    return null;
  }

  void cookies() {
    // ruleid: builder-made-cookie
    Cookie a = CookieBuilder.from("n", "v").secure(true).build();
    // ruleid: builder-made-cookie
    Cookie b = CookieBuilder.from("n", "v");
    // ok: builder-made-cookie
    Cookie c = OtherBuilder.from("n", "v").build();
  }
}
