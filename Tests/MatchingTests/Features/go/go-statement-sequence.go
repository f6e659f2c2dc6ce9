package main

import "os"

func leaks(p string) {
	// ruleid: go-statement-sequence
	f, err := os.Open(p)
	if err != nil {
		return
	}
	read(f)
}

func closes(p string) {
	// ok: go-statement-sequence
	f, err := os.Open(p)
	if err != nil {
		return
	}
	read(f)
	f.Close()
}

func defers(p string) {
	// ok: go-statement-sequence
	f, err := os.Open(p)
	if err != nil {
		return
	}
	defer f.Close()
	read(f)
}
