"""Lumetra Desk: a local-first case manager for privacy requests."""

__version__ = "0.1.0"
