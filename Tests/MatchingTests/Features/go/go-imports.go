package main

// ruleid: go-imports
import (
	"fmt"
	mrand "math/rand"
)

// ok: go-imports
import "crypto/rand"

func roll() { fmt.Println(mrand.Intn(6)) }
