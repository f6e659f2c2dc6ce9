import freemarker.template.Configuration;
import freemarker.template.Template;
import java.io.StringReader;
import java.io.StringWriter;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.Velocity;

class Mailer {
    String render(String body) {
        StringWriter out = new StringWriter();
        // ruleid: java.template-from-string
        Velocity.evaluate(new VelocityContext(), out, "mail", "Hello " + body);
        return out.toString();
    }

    Template compile(String source, Configuration cfg) throws Exception {
        // ruleid: java.template-from-string
        return new Template("user", new StringReader(source), cfg);
    }

    String fixed() {
        StringWriter out = new StringWriter();
        // ok: java.template-from-string
        Velocity.evaluate(new VelocityContext(), out, "mail", "Hello $name");
        return out.toString();
    }

    Template load(Configuration cfg) throws Exception {
        // ok: java.template-from-string
        return cfg.getTemplate("mail.ftl");
    }
}
