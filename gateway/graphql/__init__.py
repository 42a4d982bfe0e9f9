"""GraphQL schema, one package per domain (types, queries, mutations); gateway/schema.py assembles them."""
