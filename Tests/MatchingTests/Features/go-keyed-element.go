package features

func configs(skip bool) {
	a := &tls.Config{
		// ruleid: insecure-tls-option
		InsecureSkipVerify: true,
	}
	b := tls.Config{
		MinVersion: tls.VersionTLS12,
		// ruleid: insecure-tls-option
		InsecureSkipVerify: skip,
	}
	// ok: insecure-tls-option
	c := tls.Config{MinVersion: tls.VersionTLS13}
	use(a, b, c)
	// A label is no keyed element.
	// ok: insecure-tls-option
InsecureSkipVerify:
	for {
		break InsecureSkipVerify
	}
}
