package main

func work(mu *sync.Mutex) {
	mu.Lock()
	// ruleid: go-defer-go
	defer mu.Unlock()
	// ok: go-defer-go
	defer mu.Close()
	// ruleid: go-defer-go
	go func() {
		process()
	}()
	// ok: go-defer-go
	go process()
}
