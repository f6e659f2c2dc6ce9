class StatementSearch {
    void f() {
        // ruleid: statement-search
        Stream.open(a);
        // ruleid: statement-search
        use(Stream.open(a));
        // ruleid: statement-search
        handler = () -> Stream.open(a);
        // ruleid: statement-search
        register(() -> Stream.open(a));
        // ok: statement-search
        in = (c == null ? null : Stream.open(a));
        // ok: statement-search
        use(c ? Stream.open(a) : null);
        // ruleid: statement-search
        Object o = c == null ? null : Stream.open(a);
        // ok: statement-search
        in = new Object[] {Stream.open(a)};
        // ruleid: statement-search
        Runnable r = c ? r0 : () -> Stream.open(a);
        // ruleid: statement-search
        return c ? null : Stream.open(a);
    }
}
