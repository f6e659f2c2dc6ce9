import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;

class Api {
    // ruleid: java.cors-allow-all
    @CrossOrigin
    @GetMapping("/orders")
    String orders() { return "[]"; }

    void open(HttpServletResponse response) {
        // ruleid: java.cors-allow-all
        response.setHeader("Access-Control-Allow-Origin", "*");
    }

    // ok: java.cors-allow-all
    @CrossOrigin(origins = "https://app.example.com")
    @GetMapping("/items")
    String items() { return "[]"; }

    void scoped(HttpServletResponse response) {
        // ok: java.cors-allow-all
        response.setHeader("Access-Control-Allow-Origin", "https://app.example.com");
    }
}
