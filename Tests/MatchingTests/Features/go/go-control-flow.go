package main

func loop(items []string) {
	// ruleid: go-control-flow
	if err := check(); err != nil {
	}
	// ok: go-control-flow
	if err := check(); err != nil {
		return
	}
	// ruleid: go-control-flow
	for i := 0; i < 3; i++ {
		time.Sleep(time.Second)
	}
	// ruleid: go-control-flow
	for _, item := range items {
		time.Sleep(time.Second)
	}
	switch x := value.(type) {
	case int:
		use(x)
	default:
		use(nil)
	}
	select {
	case v := <-ch:
		use(v)
	case ch <- 1:
	}
}
