import java.io.IOException;

class Tools {
    Process archive(String name) throws IOException {
        // ruleid: java.runtime-exec-dynamic
        return Runtime.getRuntime().exec("tar czf out.tgz " + name);
    }

    Process run(String command) throws IOException {
        Runtime runtime = Runtime.getRuntime();
        // ruleid: java.runtime-exec-dynamic
        return runtime.exec(command);
    }

    Process uptime() throws IOException {
        // ok: java.runtime-exec-dynamic
        return Runtime.getRuntime().exec("uptime");
    }

    Process list() throws IOException {
        // ok: java.runtime-exec-dynamic
        return Runtime.getRuntime().exec(new String[] {"ls", "-l"});
    }
}
