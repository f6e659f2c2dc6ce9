import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Constructor;
import org.yaml.snakeyaml.constructor.SafeConstructor;

class Config {
    Object read(String text) {
        // ruleid: java.snakeyaml-unsafe-constructor
        Yaml yaml = new Yaml();
        return yaml.load(text);
    }

    Object readTyped(String text) {
        // ruleid: java.snakeyaml-unsafe-constructor
        Yaml yaml = new Yaml(new Constructor(Object.class, new LoaderOptions()));
        return yaml.load(text);
    }

    Object readSafely(String text) {
        // ok: java.snakeyaml-unsafe-constructor
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return yaml.load(text);
    }

    String name() {
        // ok: java.snakeyaml-unsafe-constructor
        return Yaml.class.getName();
    }
}
