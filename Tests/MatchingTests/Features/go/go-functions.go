package main

// ruleid: go-functions
func (s *Store) Save(key string, value []byte) error {
	s.items[key] = value
	return nil
}

// ok: go-functions
func Save(key string) error {
	return nil
}

// ok: go-functions
func (s *Store) Load(key string) ([]byte, error) {
	return s.items[key], nil
}

func handlers() {
	// ruleid: go-functions
	f := func(x int) error { return nil }
	// ok: go-functions
	g := func() error { return errors.New("no") }
	use(f, g)
}

// ok: go-functions
func Map[T any, U any](xs []T, f func(T) U) []U {
	out := make([]U, 0, len(xs))
	for _, x := range xs {
		out = append(out, f(x))
	}
	return out
}
