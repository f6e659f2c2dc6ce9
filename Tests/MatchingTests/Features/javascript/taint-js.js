app.get('/', function (req, res) {
  const a = req.query.name;
  // ruleid: taint-js
  sink(a);
  let b = `x${a}`;
  // ruleid: taint-js
  sink(b);
  // ok: taint-js
  sink(clean(a));
  let c = 1;
  c = a;
  // ruleid: taint-js
  sink(c);
  c = "safe";
  // ok: taint-js
  sink(c);
  // ruleid: taint-js
  el.innerHTML = "<b>" + a;
  // ok: taint-js
  el.innerHTML = "<b>";
  const { d, e } = req.query;
  // ruleid: taint-js
  sink(d);
  const obj = { k: a };
  // ruleid: taint-js
  sink(obj);
  let c2 = 1;
  for (let i = 0; i < 3; i++) {
    // ruleid: taint-js
    sink(c2);
    c2 = a;
  }
  if (x) {
    c = a;
  } else {
    c = 2;
  }
  // ruleid: taint-js
  sink(c);
  // ruleid: taint-js
  sink(a.map((v) => v + 1));
  // ruleid: taint-js
  sink(new Foo(a));
  // ruleid: taint-js
  sink(await fetchIt(a));
  this.state = a;
  // ruleid: taint-js
  sink(this.state);
  // ok: taint-js
  sink(this.other);
});

const handler = (req, res) => {
  // ruleid: taint-js
  res.send(sink(req.query.id));
  let s = source();
  switch (k) {
    case 1:
      s = 1;
      break;
    default:
      s = 2;
  }
  // ok: taint-js
  sink(s);
  try {
    s = source();
  } catch (err) {
    // ruleid: taint-js
    sink(s);
  }
};

function plain(query) {
  // ok: taint-js
  sink(query);
}
