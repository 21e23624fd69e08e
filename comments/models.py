"""Comment models."""
