"""Hypothesis strategies for every model, one module per area of the library."""
