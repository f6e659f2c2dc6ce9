package web

import (
	"net/http"
	"regexp"
)

func Search(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.regexp-from-request
	re, _ := regexp.Compile(r.URL.Query().Get("q"))
	_ = re
}

func Filter(w http.ResponseWriter, r *http.Request) {
	// ruleid: go.regexp-from-request
	re := regexp.MustCompile("^" + r.FormValue("prefix"))
	_ = re
}

func SearchLiterally(w http.ResponseWriter, r *http.Request) {
	// ok: go.regexp-from-request
	re := regexp.MustCompile(regexp.QuoteMeta(r.FormValue("q")))
	_ = re
}

func Digits() *regexp.Regexp {
	// ok: go.regexp-from-request
	return regexp.MustCompile(`^[0-9]+$`)
}
