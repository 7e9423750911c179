"""Map layers, one module each. Importing any of them guards folium's templates against
data that looks like Jinja (``geo.layers.template_guard``)."""

from geo.layers.template_guard import guard_templates

guard_templates()
