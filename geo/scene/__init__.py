"""From data and a view to what every map shows, decided once.

Takes ``MapData`` and a ``MapView`` (``view``: the whole view and its link form); gives a
``Scene`` (``build.build_scene``): each layer's features, fills from the classes
(``classify``), styles (``style``), names with their anchors, legends (``legends``), sources,
extent, the province's bounds, the basemap's tiles, the reading; ``interactive.map_scene``: the
scene of a Leaflet map, in its tiles' datum. ``find`` answers the search box with a place and
where the map draws it; ``series`` gives the series chart's lines and the rank table. No folium,
matplotlib or python-pptx here: the renderers only draw a scene.
"""
