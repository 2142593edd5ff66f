package transport

// Handoffs reports how many sessions s handed to an event loop.
func Handoffs(s *Server) int64 { return s.handoffs.Load() }
