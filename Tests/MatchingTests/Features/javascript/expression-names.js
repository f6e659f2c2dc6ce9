// ok: javascript.expression-names
import config from "./config";
// ok: javascript.expression-names
function load(config) {
  // ruleid: javascript.expression-names
  return config.value;
}
// ok: javascript.expression-names
class config {}
// ruleid: javascript.expression-names
use(config);
