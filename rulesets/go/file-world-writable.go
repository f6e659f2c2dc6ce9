package tools

import "os"

func Share(path string) error {
	// ruleid: go.file-world-writable
	return os.Chmod(path, 0777)
}

func Prepare(dir string) error {
	// ruleid: go.file-world-writable
	return os.MkdirAll(dir, 0o777)
}

func Save(path string, data []byte) error {
	// ok: go.file-world-writable
	return os.WriteFile(path, data, 0o600)
}

func Publish(dir string) error {
	// ok: go.file-world-writable
	return os.MkdirAll(dir, 0o755)
}
