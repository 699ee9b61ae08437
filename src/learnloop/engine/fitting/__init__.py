"""Batch side of the engine: response logs, dataset readers, EM fitting, metrics."""
