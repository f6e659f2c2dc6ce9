package auth

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
)

func Fingerprint(password string) [16]byte {
	// ruleid: go.weak-hash
	return md5.Sum([]byte(password))
}

func TokenHash(token []byte) []byte {
	// ruleid: go.weak-hash
	h := sha1.New()
	h.Write(token)
	return h.Sum(nil)
}

func Digest(body []byte) [32]byte {
	// ok: go.weak-hash
	return sha256.Sum256(body)
}

func Hasher() []byte {
	// ok: go.weak-hash
	h := sha256.New()
	return h.Sum(nil)
}
