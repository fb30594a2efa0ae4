"""The hall benchmark: `make bench` or `python -m bench` (bench/README.md)."""
