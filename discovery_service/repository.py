"""Data access for discovery_service's schema `discovery`: keyword-only methods returning domain objects."""
