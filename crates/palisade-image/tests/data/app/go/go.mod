module example.com/inventory-svc

go 1.19

require (
	github.com/gorilla/mux v1.8.0
	golang.org/x/text v0.3.7
)

require github.com/google/uuid v1.3.0 // indirect
