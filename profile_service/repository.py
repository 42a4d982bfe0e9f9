"""Data access for profile_service's schema `profile`: keyword-only methods returning domain objects."""
