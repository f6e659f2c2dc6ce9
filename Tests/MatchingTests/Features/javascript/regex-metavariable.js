const origins = [
  // ok: javascript.regex-metavariable
  /example\.com$/,
  // ruleid: javascript.regex-metavariable
  /www.example.com$/,
];
