package main

func read(r io.Reader, b []byte) {
	// ruleid: go-header-initializer
	n, err := r.Read(b)
	if err != nil {
		return
	}
	// ruleid: go-header-initializer
	if _, err := r.Read(b); err != nil {
		return
	}
	// ok: go-header-initializer
	if err := r.Close(); err != nil {
		return
	}
	// ok: go-header-initializer
	m, err := r.Read(b)
	use(n, m)
	if err != nil {
		return
	}
}
