"""The web layers: pages, JSON API and Socket.IO handlers, thin over the domain."""
