package main

import "net/http"

// ruleid: go.debug-endpoints-exposed
import _ "net/http/pprof"

// ok: go.debug-endpoints-exposed
import "github.com/gin-gonic/gin"

func main() {
	// ruleid: go.debug-endpoints-exposed
	gin.SetMode(gin.DebugMode)
	// ok: go.debug-endpoints-exposed
	gin.SetMode(gin.ReleaseMode)
	// ok: go.debug-endpoints-exposed
	http.ListenAndServe("127.0.0.1:8080", nil)
}
