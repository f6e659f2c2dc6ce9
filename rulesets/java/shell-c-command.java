import java.io.IOException;

class Shell {
    Process grep(String word) throws IOException {
        // ruleid: java.shell-c-command
        return new ProcessBuilder("sh", "-c", "grep -r " + word + " .").start();
    }

    Process remove(String path) throws IOException {
        // ruleid: java.shell-c-command
        return Runtime.getRuntime().exec(new String[] {"/bin/bash", "-c", "rm -rf " + path});
    }

    Process uptime() throws IOException {
        // ok: java.shell-c-command
        return new ProcessBuilder("sh", "-c", "uptime").start();
    }

    Process grepSafely(String word) throws IOException {
        // ok: java.shell-c-command
        return new ProcessBuilder("grep", "-r", word, ".").start();
    }
}
