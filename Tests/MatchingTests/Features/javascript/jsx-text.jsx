const page = (
  <div>
    // ruleid: javascript.jsx-text
    <h1 className="title">
      Welcome to the site
    </h1>
    // ok: javascript.jsx-text
    <h2>{welcome()}</h2>
    // ruleid: javascript.jsx-text
    <b>Thanks</b>
    // ok: javascript.jsx-text
    <b>Thanks a lot</b>
    // ok: javascript.jsx-text
    <b>
      Thanks
    </b>
  </div>
);
