package web

import (
	"net/http"

	"github.com/rs/cors"
)

func Open(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.cors-allow-all
	w.Header().Set("Access-Control-Allow-Origin", "*")
}

func Middleware(h http.Handler) http.Handler {
	// ruleid: go.cors-allow-all
	return cors.AllowAll().Handler(h)
}

func Scoped(w http.ResponseWriter, r *http.Request) {
	// ok: go.cors-allow-all
	w.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")
}

func Listed(h http.Handler) http.Handler {
	// ok: go.cors-allow-all
	return cors.New(cors.Options{AllowedOrigins: []string{"https://app.example.com"}}).Handler(h)
}
