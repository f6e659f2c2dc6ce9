package main

import "os/exec"

func run(cmd string) {
	// ruleid: go-argument-ellipsis
	exec.Command("sh", "-c", cmd).Run()
	// ruleid: go-argument-ellipsis
	exec.Command("sh", "-c", cmd, "--", "extra").Run()
	// ok: go-argument-ellipsis
	exec.Command("ls", "-c", cmd).Run()
	// ok: go-argument-ellipsis
	exec.Command("sh").Run()
}
