const Handlebars = require("handlebars");
const nunjucks = require("nunjucks");

// ruleid: javascript.template-escaping-disabled
const card = Handlebars.compile(source, { noEscape: true });

// ruleid: javascript.template-escaping-disabled
nunjucks.configure("views", { autoescape: false });

// ok: javascript.template-escaping-disabled
const safeCard = Handlebars.compile(source);

// ok: javascript.template-escaping-disabled
nunjucks.configure("views", { autoescape: true });

Handlebars.registerHelper("bold", (text) => {
  // ruleid: javascript.template-escaping-disabled
  return new Handlebars.SafeString("<b>" + text + "</b>");
});
