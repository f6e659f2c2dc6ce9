package main

func fetch(client *http.Client, r *http.Request) {
	// ruleid: go-method-calls
	client.Get(r.URL.Query().Get("u"))
	// ruleid: go-method-calls
	os.Open(r.URL.Query().Get("p"))
	// ok: go-method-calls
	client.Do(r.URL.Query().Get("u"))
	// ok: go-method-calls
	client.Get("https://example.com")
}
