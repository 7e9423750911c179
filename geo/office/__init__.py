"""The office's data store: values a statistics office publishes, kept with their sources.

Takes yearbook tables (read through ``geo.uploads``) and a store location (a SQLite file or a
PostgreSQL URL); gives publications with a preview, history and revert (``commands``: ``python -m
geo data ...``), and the published values merged over the bundled ones by tier (``merge``).
"""
