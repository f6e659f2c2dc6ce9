class ThrowsSet {
    // ruleid: throws-set
    void a() throws IOException, TimeoutException {}
    // ruleid: throws-set
    void b() throws TimeoutException, IOException {}
    // ruleid: throws-set
    void c() throws TimeoutException, Exception, IOException {}
    // ok: throws-set
    void d() throws IOException {}
    // ok: throws-set
    void e() {}
}
