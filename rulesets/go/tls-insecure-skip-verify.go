package client

import (
	"crypto/tls"
	"crypto/x509"
	"net/http"
)

func Lax() *http.Client {
	// ruleid: go.tls-insecure-skip-verify
	tr := &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	return &http.Client{Transport: tr}
}

func Patch(cfg *tls.Config) {
	// ruleid: go.tls-insecure-skip-verify
	cfg.InsecureSkipVerify = true
}

func Strict(pool *x509.CertPool) *tls.Config {
	// ok: go.tls-insecure-skip-verify
	return &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
}

func Explicit() *tls.Config {
	// ok: go.tls-insecure-skip-verify
	return &tls.Config{InsecureSkipVerify: false}
}
