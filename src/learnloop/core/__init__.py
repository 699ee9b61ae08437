"""The floor every app stands on, importing no app (an import-linter contract): the SQL
statement runner (`sql`), sessions, the SQLite WAL thread, redirects, the one service
error family (`errors`) and typed extension slots (`slots`)."""
