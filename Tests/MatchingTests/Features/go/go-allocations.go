package main

import "crypto/tls"

func allocations(cfg *tls.Config, n int) {
	// ruleid: go-allocations-literal
	a := new(tls.Config)
	// ruleid: go-allocations-literal
	b := &tls.Config{}
	// ruleid: go-allocations-literal
	c := make(tls.Config)
	// ruleid: go-allocations-literal
	d := tls.Config{ServerName: "x"}
	// ok: go-allocations-literal
	e := new(tls.Conn)
	// ruleid: go-allocations-new
	f := []int{n}
	// ruleid: go-allocations-new
	g := make([]int, n)
	// ok: go-allocations-new
	h := make([]int, n, 2*n)
	// ruleid: go-allocations-any-call
	use(cfg)
	// ok: go-allocations-any-call
	i := new(cfg)
	// ok: go-allocations-any-call
	j := make(cfg)
	use(a, b, c, d, e, f, g, h, i, j)
}
