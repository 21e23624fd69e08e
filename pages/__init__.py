"""Static pages (About, Privacy, Contact and any an editor adds), written in Markdown."""
