import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;

class Search {
    Pattern pattern(HttpServletRequest request) {
        // ruleid: java.regex-from-request
        return Pattern.compile(request.getParameter("q"));
    }

    boolean matches(HttpServletRequest request, String name) {
        // ruleid: java.regex-from-request
        return name.matches("^" + request.getParameter("prefix") + ".*");
    }

    Pattern literal(HttpServletRequest request) {
        // ok: java.regex-from-request
        return Pattern.compile(Pattern.quote(request.getParameter("q")));
    }

    boolean digits(String text) {
        // ok: java.regex-from-request
        return text.matches("[0-9]+");
    }
}
