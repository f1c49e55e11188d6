"""Benchmarks of Spitsregio: a Dutch corpus generator and a harness (`python -m bench --size small`)."""
