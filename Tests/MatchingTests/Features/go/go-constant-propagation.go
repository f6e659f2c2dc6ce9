package main

import "os/exec"

const shell = "sh"

var mutable = "sh"

func run(arg string) {
	// ruleid: go-constant-propagation
	exec.Command(shell, "-c", arg)
	// ok: go-constant-propagation
	exec.Command(mutable, "-c", arg)
	local := "sh"
	// ruleid: go-constant-propagation
	exec.Command(local, "-c", arg)
	var declared string = "sh"
	// ruleid: go-constant-propagation
	exec.Command(declared, "-c", arg)
	copied := local
	// ruleid: go-constant-propagation
	exec.Command(copied, "-c", arg)
	other := "bash"
	// ok: go-constant-propagation
	exec.Command(other, "-c", arg)
}
