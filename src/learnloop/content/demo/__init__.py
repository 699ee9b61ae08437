"""Demo content for the demo framework: generated practice items, lessons and projects."""
