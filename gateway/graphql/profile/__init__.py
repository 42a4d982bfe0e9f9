"""Identity (register, login, refresh, logout), the profile, saved searches and the CV."""
