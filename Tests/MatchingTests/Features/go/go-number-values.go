package main

import "os"

func modes(p string) {
	// ruleid: go-number-values
	os.Chmod(p, 0777)
	// ruleid: go-number-values
	os.Chmod(p, 0o777)
	// ruleid: go-number-values
	os.Chmod(p, 511)
	// ruleid: go-number-values
	os.Chmod(p, 0x1_FF)
	// ok: go-number-values
	os.Chmod(p, 0755)
	// ok: go-number-values
	os.Chmod(p, 777)
}
