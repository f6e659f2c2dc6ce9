package tools

import "os"

func Dump(data []byte) error {
	// ruleid: go.predictable-temp-file
	return os.WriteFile("/tmp/export.json", data, 0o600)
}

func Scratch() (*os.File, error) {
	// ruleid: go.predictable-temp-file
	return os.Create("/tmp/scratch.txt")
}

func DumpSafely(data []byte) (*os.File, error) {
	// ok: go.predictable-temp-file
	return os.CreateTemp("", "export-*.json")
}

func Read() ([]byte, error) {
	// ok: go.predictable-temp-file
	return os.ReadFile("/tmp/export.json")
}
