import java.util.*;
import java.util.jar.Attributes;

class Manifest<T> {
    String sealed;
    String title;
    int size;

    // A generic constructor.
    <S> Manifest(S seed, Attributes attributes) {
        // ruleid: contextual-syntax-names
        sealed = attributes.getValue("Sealed");
        // ruleid: contextual-syntax-names
        title = size > 0 ? sealed = attributes.getValue("Title") : null;
    }

    void references(List<String> names) {
        // ruleid: contextual-syntax-references
        collect(ArrayList<String>::new);
        // ruleid: contextual-syntax-references
        collect(Class<?>[]::new);
        // ok: contextual-syntax-references
        collect(size < 1, size > 2);
        // ok: contextual-syntax-names
        sealed = names.get(0);
    }

    void collect(Object o) { }
    void collect(boolean a, boolean b) { }
}
