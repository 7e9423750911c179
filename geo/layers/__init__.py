"""Map layers, one module each. Importing any of them guards folium's templates against
data that looks like Jinja (``geo.escape.guard_templates``)."""

from geo.escape import guard_templates

guard_templates()
