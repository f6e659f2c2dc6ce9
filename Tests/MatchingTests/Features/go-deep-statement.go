package features

func statements(items []Item, ch chan *Item) {
	// ruleid: address-of-range-value
	for _, item := range items {
		go keep(&item)
	}
	// ruleid: address-of-range-value
	for _, item := range items {
		if keep(&item) {
		}
	}
	// ruleid: address-of-range-value
	for _, item := range items {
		ch <- &item
	}
	// ruleid: address-of-range-value
	for _, item := range items {
		for i := keep(&item); i < 3; i++ {
		}
	}
	// A statement nested in a body is not the loop's own.
	// ok: address-of-range-value
	for _, item := range items {
		if ready {
			keep(&item)
		}
	}
	// ok: address-of-range-value
	for _, item := range items {
		switch {
		case keep(&item):
		}
	}
	// The pattern's one statement is the body's only one.
	// ok: address-of-range-value
	for _, item := range items {
		log()
		keep(&item)
	}
	// ok: address-of-range-value
	for index, item := range items {
		keep(&item)
	}
}

func arguments(items []Item) {
	// ruleid: address-in-call-argument
	record(1, wrap(&items[0]))
	// A function literal's body is statements, where `<... e ...>` does not look.
	// ok: address-in-call-argument
	record(func() {
		// ruleid: address-in-call-argument
		record(&items[0])
	})
}
