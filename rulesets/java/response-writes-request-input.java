import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.owasp.encoder.Encode;

class Hello {
    void greet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ruleid: java.response-writes-request-input
        response.getWriter().write("<h1>Hello " + request.getParameter("name") + "</h1>");
    }

    void search(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var out = response.getWriter();
        // ruleid: java.response-writes-request-input
        out.println("<p>No results for " + request.getParameter("q") + "</p>");
    }

    void greetSafely(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ok: java.response-writes-request-input
        response.getWriter().write("<h1>Hello " + Encode.forHtml(request.getParameter("name")) + "</h1>");
    }

    void fixed(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // ok: java.response-writes-request-input
        response.getWriter().write("<h1>Hello</h1>");
    }
}
