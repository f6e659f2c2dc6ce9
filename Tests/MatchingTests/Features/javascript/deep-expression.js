// ruleid: javascript.deep-expression
res.send(req.query);
// ruleid: javascript.deep-expression
res.send("<p>" + escape(req.query.name) + "</p>");
// ruleid: javascript.deep-expression
res.send(`hello ${req.query.name}`);
// ok: javascript.deep-expression
res.send(req.body);
