package auth

import "math/rand"

func NewOTP() int {
	// ruleid: go.math-rand-for-secret
	otp := 100000 + rand.Intn(900000)
	return otp
}

type Reset struct{ ResetCode int64 }

func (r *Reset) Fill() {
	// ruleid: go.math-rand-for-secret
	r.ResetCode = rand.Int63()
}

func Jitter() int {
	// ok: go.math-rand-for-secret
	delay := rand.Intn(100)
	return delay
}

func Pick(items []string) string {
	// ok: go.math-rand-for-secret
	choice := items[rand.Intn(len(items))]
	return choice
}
