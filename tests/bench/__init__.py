"""Tests of the benchmark's dataset generator."""
