package config

import "os"

// ruleid: go.hardcoded-credential
const apiKey = "a8f5f167f44f4964e6c998dee827110c"

type DB struct{ User, Password string }

func Default() DB {
	// ruleid: go.hardcoded-credential
	return DB{User: "app", Password: "Sup3rS3cret!"}
}

func FromEnv() DB {
	// ok: go.hardcoded-credential
	return DB{User: "app", Password: os.Getenv("DB_PASSWORD")}
}

// ok: go.hardcoded-credential
var token = os.Getenv("TOKEN")
