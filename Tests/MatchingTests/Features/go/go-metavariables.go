package main

func same(a, b int, s []int) bool {
	// ruleid: go-metavariables
	if a == a {
		return true
	}
	// ok: go-metavariables
	if a == b {
		return false
	}
	// ruleid: go-metavariables
	return s[len(s)-1] == s[len(s)-1]
}
