"""Activities and items aligned to standards."""
