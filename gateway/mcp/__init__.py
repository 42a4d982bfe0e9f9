"""MCP for AI agents: the gateway's tools over streamable HTTP at `/mcp` (server.py, tools.py), and a stdio
bridge for local agents (`python -m gateway.mcp`, __main__.py). Both authenticate with a personal access
token; the tools run the gateway's own GraphQL operations as the caller, so no business logic is
repeated here and every scope is checked where it always is (the services' access policy)."""
