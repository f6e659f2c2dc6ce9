package auth

import "github.com/golang-jwt/jwt/v5"

func Claims(raw string) (jwt.MapClaims, error) {
	claims := jwt.MapClaims{}
	// ruleid: go.jwt-unverified
	_, _, err := jwt.NewParser().ParseUnverified(raw, claims)
	return claims, err
}

func AnyKey(t *jwt.Token) (interface{}, error) {
	// ruleid: go.jwt-unverified
	return jwt.UnsafeAllowNoneSignatureType, nil
}

func Verified(raw string, key []byte) (*jwt.Token, error) {
	// ok: go.jwt-unverified
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return key, nil },
		jwt.WithValidMethods([]string{"HS256"}))
}

func Method() string {
	// ok: go.jwt-unverified
	return jwt.SigningMethodHS256.Alg()
}
