"""The benchmark's steps, one module each, each returning a frozen dataclass:
synthetic (synth), load, generate, build, mkdocs_bare and hugo (the peers,
sharing peers.py), size, serve, search."""
