package main

import "net/http"

// ruleid: go-parameters
func handle(w http.ResponseWriter, r *http.Request) {
	w.Write(nil)
}

// ruleid: go-parameters
func first(r *http.Request) {
}

// ok: go-parameters
func other(w http.ResponseWriter, code int) {
	w.WriteHeader(code)
}

// ruleid: go-parameters
func (s *Server) method(ctx context.Context, r *http.Request, extra, more string) {
	s.serve(ctx, r)
}
