"""OneRoster 1.1 and 1.2 CSV rosters: reading (files to checked records) and importing."""
