"""Data access for tracker_service's schema `tracker`: keyword-only methods returning domain objects."""
