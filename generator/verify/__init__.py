"""Stage 3, checks of a built site: nothing lost, links and anchors resolve, no
active content from data; offline search over the built index."""
