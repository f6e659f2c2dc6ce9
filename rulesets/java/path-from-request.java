import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.nio.file.Paths;
import javax.servlet.http.HttpServletRequest;

class Downloads {
    byte[] read(HttpServletRequest request) throws Exception {
        // ruleid: java.path-from-request
        return Files.readAllBytes(Paths.get("/srv/files", request.getParameter("name")));
    }

    FileInputStream open(HttpServletRequest request) throws Exception {
        String name = request.getParameter("file");
        // ruleid: java.path-from-request
        return new FileInputStream("/srv/files/" + name);
    }

    byte[] logo() throws Exception {
        // ok: java.path-from-request
        return Files.readAllBytes(Paths.get("/srv/static/logo.png"));
    }

    File folder() {
        // ok: java.path-from-request
        return new File("/srv/files");
    }
}
