"""Text normalisation: matching keys that always map back to the displayed text."""
