package tools

import (
	"context"
	"os/exec"
)

func Archive(name string) error {
	// ruleid: go.exec-shell-c
	return exec.Command("sh", "-c", "tar czf out.tgz "+name).Run()
}

func Grep(ctx context.Context, word string) ([]byte, error) {
	// ruleid: go.exec-shell-c
	return exec.CommandContext(ctx, "/bin/bash", "-c", "grep -r "+word+" .").Output()
}

func Uptime() ([]byte, error) {
	// ok: go.exec-shell-c
	return exec.Command("sh", "-c", "uptime").Output()
}

func ArchiveSafely(name string) error {
	// ok: go.exec-shell-c
	return exec.Command("tar", "czf", "out.tgz", name).Run()
}
