class Address {
    private String host;
    private int port;

    boolean same(Object x, Address other, Route route, String label) {
        // ruleid: typed-field-access
        if (x == other.host) return true;
        // ruleid: typed-field-access
        if (x == this.host) return true;
        // ok: typed-field-access
        if (x == other.port) return true;
        // A field access takes the type of the name where it is written, whatever the
        // receiver's class: Route's own int `host` does not count.
        // ruleid: typed-field-access
        if (x == route.host) return true;
        // ok: typed-field-access
        if (x == route.gateway) return true;
        // ruleid: typed-field-access
        if (x == route.label) return true;
        return false;
    }

    boolean shadowed(Object x, Address other) {
        String port = "";
        // ruleid: typed-field-access
        if (x == other.port) return true;
        // ok: typed-field-access
        if (x == this.port) return true;
        return false;
    }

    class Inner {
        int host;

        boolean inner(Object x, Address other) {
            // ok: typed-field-access
            return x == other.host;
        }
    }
}

class Route {
    int host;
    String gateway;
}
