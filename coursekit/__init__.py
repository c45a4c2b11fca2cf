"""Support code of the course kit."""
