package main

import "log"

func logs(format, name string, n int) {
	// ruleid: go-ellipsis-metavariable
	log.Printf(format, name, n)
	// ruleid: go-ellipsis-metavariable
	log.Printf(format)
	// ok: go-ellipsis-metavariable
	log.Printf("%s %d", name, n)
	// ok: go-ellipsis-metavariable
	log.Printf(`raw %s`, name)
}
