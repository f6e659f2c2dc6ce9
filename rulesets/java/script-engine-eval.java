import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

class Calculator {
    Object calculate(String expression) throws ScriptException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");
        // ruleid: java.script-engine-eval
        return engine.eval(expression);
    }

    Object rule(String body) throws ScriptException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("groovy");
        // ruleid: java.script-engine-eval
        return engine.eval("def check() { " + body + " }");
    }

    Object constant() throws ScriptException {
        ScriptEngine engine = new ScriptEngineManager().getEngineByName("js");
        // ok: java.script-engine-eval
        return engine.eval("1 + 2");
    }

    int parse(String text) {
        // ok: java.script-engine-eval
        return Integer.parseInt(text);
    }
}
