"""Tests of the site run as in production: gunicorn, replicas, faults, backups."""
