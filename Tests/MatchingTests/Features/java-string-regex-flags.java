class Headers {
  void cors(HttpServletResponse response) {
    // ruleid: wildcard-origin-header
    response.setHeader("Access-Control-Allow-Origin", "*");
    // ruleid: wildcard-origin-header
    response.setHeader("access-control-allow-origin", "*");
    // ok: wildcard-origin-header
    response.setHeader("Access-Control-Allow-Origin", "https://example.org");
  }

  byte[] hash(byte[] data) {
    // ruleid: weak-digest-helper
    byte[] weak = Digests.md5().digest(data);
    // ok: weak-digest-helper
    byte[] strong = Digests.sha256().digest(data);
    return weak;
  }
}
