"""Load and scale benchmarks: the dataset generator and the gunicorn + wrk runner."""
