module github.com/muster-osint/muster

go 1.26.8
