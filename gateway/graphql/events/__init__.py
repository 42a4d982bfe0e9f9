"""Live notifications: the ticket a browser's EventSource uses to open /events."""
