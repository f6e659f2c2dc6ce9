// ruleid: javascript.deep-stops-at-functions
wrap({ key: [secret] });
// ruleid: javascript.deep-stops-at-functions
wrap(flag ? secret : null);
// ok: javascript.deep-stops-at-functions
later(() => secret);
// ok: javascript.deep-stops-at-functions
later(function () { if (secret) { done(); } });
// ok: javascript.deep-stops-at-functions
later(class { read() { return secret; } });
