"""The only place that writes SQL: sessions, files and locks, migrations, export/import."""
