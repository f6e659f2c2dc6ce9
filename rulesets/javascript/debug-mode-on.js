const errorhandler = require("errorhandler");
const { ApolloServer } = require("apollo-server");

// ruleid: javascript.debug-mode-on
app.use(errorhandler());

// ruleid: javascript.debug-mode-on
const server = new ApolloServer({ typeDefs, resolvers, debug: true });

if (process.env.NODE_ENV === "development") {
  // ok: javascript.debug-mode-on
  app.use(require("morgan")("dev"));
}

app.use((err, req, res, next) => {
  // ok: javascript.debug-mode-on
  res.status(500).json({ error: "internal error" });
});
