// gohello prints a greeting; it exists so the test image holds a Go binary with module build info.
package main

import (
	"fmt"

	"example.com/greet"
)

func main() {
	fmt.Println(greet.Hello("palisade"))
}
