// Package greet builds greetings.
package greet

// Hello greets someone by name.
func Hello(name string) string {
	return "hello, " + name
}
