"""LearnLoop's adaptive engine: pure Python + numpy, no Django, usable alone."""
