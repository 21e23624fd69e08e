"""Helpers every app may use: they import no app of this project, so any app may import them."""
