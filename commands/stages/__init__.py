"""`/partner stages …`: the workspace designs its own journey."""
