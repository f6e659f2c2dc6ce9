import java.io.File;
import java.io.FileWriter;
import java.nio.file.Files;
import java.nio.file.Path;

class Scratch {
    File scratch() throws Exception {
        // ruleid: java.insecure-temp-file
        return File.createTempFile("upload", ".tmp");
    }

    FileWriter log() throws Exception {
        // ruleid: java.insecure-temp-file
        return new FileWriter("/tmp/app.log", true);
    }

    Path scratchSafely() throws Exception {
        // ok: java.insecure-temp-file
        return Files.createTempFile("upload", ".tmp");
    }

    File data() {
        // ok: java.insecure-temp-file
        return new File("/var/lib/app/data.db");
    }
}
