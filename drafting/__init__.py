"""drafting: official meeting records from structured data, with computed paragraph numbers."""

__version__ = "0.1.0"
