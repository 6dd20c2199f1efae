package main

import "flag"

// Config is muster's configuration: flags, then environment. Only this
// package reads either; library packages take option structs.
type Config struct {
	DB string // SQLite path or postgres:// URL
}

// DefaultConfig returns the configuration used when nothing is set.
func DefaultConfig() Config { return Config{DB: ""} }

// RegisterGlobal registers the global flags.
func (c *Config) RegisterGlobal(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "store: SQLite file path or postgres:// URL (env MUSTER_DB; default ./muster.db)")
}

// ApplyEnv fills unset fields from the environment.
func (c *Config) ApplyEnv(getenv func(string) string) {
	if c.DB == "" {
		c.DB = getenv("MUSTER_DB")
	}
	if c.DB == "" {
		c.DB = "muster.db"
	}
}
