// Command ferretdb serves the MongoDB wire protocol on loopback with FerretDB's SQLite backend,
// or its PostgreSQL backend with -postgresql, for local tests and development (no MongoDB server
// package is reachable on our machines).
//
// It embeds github.com/FerretDB/FerretDB/ferretdb rather than building FerretDB's own command,
// whose start panics when built from the module (its generated version.txt is not shipped).
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	dataDir := flag.String("data", "data", "directory of the SQLite databases (one file per database)")
	postgresURL := flag.String("postgresql", "",
		"PostgreSQL URL (postgres://host:port/db): the PostgreSQL backend instead of SQLite")
	flag.Parse()

	// Warn: at Info, FerretDB logs every connection, which floods the log during test runs.
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))

	if err := os.MkdirAll(*dataDir, 0o755); err != nil {
		logger.Error("cannot create data directory", "dir", *dataDir, "error", err)
		os.Exit(1)
	}

	config := &ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: *listen},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: "file:" + *dataDir + "/", // FerretDB requires the trailing slash of a directory
	}
	backend := "SQLite in " + *dataDir
	if *postgresURL != "" {
		config.Handler, config.SQLiteURL, config.PostgreSQLURL = "postgresql", "", *postgresURL
		backend = "PostgreSQL"
	}
	f, err := ferretdb.New(config)
	if err != nil {
		logger.Error("cannot start FerretDB", "error", err)
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	fmt.Fprintf(os.Stderr, "FerretDB listening on %s, backend %s\n", f.MongoDBURI(), backend)
	if err := f.Run(ctx); err != nil {
		logger.Error("FerretDB stopped", "error", err)
		os.Exit(1)
	}
}
