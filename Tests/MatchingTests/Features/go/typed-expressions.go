package main

type Config struct{ insecure bool }

func run(n int, big int64, verify bool, name string, data []byte) {
	// ruleid: int-count
	_ = make([]byte, n)
	// ruleid: int-count
	_ = make([]byte, n*2+1)
	// ruleid: int-count
	_ = make([]byte, n%8)
	// ok: int-count
	_ = make([]byte, n/2)
	// ok: int-count
	_ = make([]byte, big+1)
	// ok: int-count
	_ = make([]byte, len(name))

	// ruleid: bool-flag
	setInsecure(!verify)
	// ruleid: bool-flag
	setInsecure(n > 3)
	// ruleid: bool-flag
	setInsecure(name == "dev" || verify)
	// ok: bool-flag
	setInsecure(verify && n > 3)
	// ok: bool-flag
	setInsecure(name)

	// ruleid: byte-slice, string-value
	write([]byte(name))
	// ruleid: byte-slice
	write([]byte(data))
	// ruleid: byte-slice
	write(data)
	// ruleid: string-value
	write(name)
	// ok: string-value
	write(string(data))

	// ok: config-pointer
	apply(&Config{})
	// ok: config-pointer
	apply(new(Config))
	c := &Config{insecure: true}
	// ruleid: config-pointer
	apply(c)
	d := new(Config)
	// ruleid: config-pointer
	apply(d)
}
