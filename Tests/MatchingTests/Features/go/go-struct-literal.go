package main

import "crypto/tls"

func configs() []*tls.Config {
	return []*tls.Config{
		// ruleid: go-struct-literal
		&tls.Config{InsecureSkipVerify: true},
		// ruleid: go-struct-literal
		&tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: true, ServerName: "x"},
		// ok: go-struct-literal
		&tls.Config{InsecureSkipVerify: false},
		// ok: go-struct-literal
		&tls.Config{MinVersion: tls.VersionTLS13},
		// ok: go-struct-literal
		{InsecureSkipVerify: true, MinVersion: 0},
	}
}
