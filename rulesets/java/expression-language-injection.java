import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;

class Rules {
    Object evaluate(String rule) {
        ExpressionParser parser = new SpelExpressionParser();
        // ruleid: java.expression-language-injection
        return parser.parseExpression(rule).getValue();
    }

    Object price(String field) {
        // ruleid: java.expression-language-injection
        return new SpelExpressionParser().parseExpression("order." + field).getValue();
    }

    Object fixed() {
        ExpressionParser parser = new SpelExpressionParser();
        // ok: java.expression-language-injection
        return parser.parseExpression("'Hello'.concat(' world')").getValue();
    }

    String field(String name) {
        // ok: java.expression-language-injection
        return name.trim();
    }
}
