package transport_test

import (
	"os"
	"testing"

	"github.com/maskwire/maskwire/internal/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Run(m)) }
