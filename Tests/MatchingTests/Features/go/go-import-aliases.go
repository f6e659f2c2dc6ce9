package main

import (
	"fmt"
	run "os/exec"
)

func start(name string) {
	// ruleid: go-import-aliases
	run.Command(name).Start()
	// ok: go-import-aliases
	fmt.Println(name)
}
