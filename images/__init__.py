"""The image library: safely uploaded pictures that articles place by id, and its pipeline."""
