package features

// A grouped import starts at the keyword, as semgrep reports it.
// ruleid: any-import-of-unsafe, aliased-import
import (
	"fmt"
	// ruleid: weak-random-import
	mrand "crypto/rand"
	"unsafe"
	// ok: weak-random-import
	"math/rand/v3"
)

// ruleid: weak-random-import
import "crypto/rand"

// ruleid: aliased-import
import str "strings"

func use() {
	fmt.Println(mrand.Int(), unsafe.Sizeof(0), str.ToUpper(""))
}
