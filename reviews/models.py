"""Review models."""
