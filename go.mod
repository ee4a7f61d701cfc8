module github.com/chronicle-tools/chronicle

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/yuin/goldmark v1.8.7
)
