"""Packs: the plugin host, the catalog, and the Markdown pack format."""
