import java.io.InputStream;
import java.net.URL;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.client.RestTemplate;

class Preview {
    InputStream fetch(HttpServletRequest request) throws Exception {
        // ruleid: java.ssrf-request-url
        return new URL(request.getParameter("url")).openStream();
    }

    String hook(HttpServletRequest request, RestTemplate rest) {
        String target = request.getParameter("callback");
        // ruleid: java.ssrf-request-url
        return rest.getForObject(target, String.class);
    }

    InputStream status() throws Exception {
        // ok: java.ssrf-request-url
        return new URL("https://status.example.com/api").openStream();
    }

    String name(HttpServletRequest request) {
        // ok: java.ssrf-request-url
        return request.getParameter("name");
    }
}
