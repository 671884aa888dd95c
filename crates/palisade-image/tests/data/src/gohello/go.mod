module example.com/gohello

go 1.19

require example.com/greet v0.2.0

replace example.com/greet => ./greet
