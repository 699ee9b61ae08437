"""LearnLoop: personalized learning anchored on standards."""

__version__ = "0.1.0"
