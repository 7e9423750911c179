"""Bundled data: the files under data/ read into one ``MapData`` (``load.load_map_data``).

Takes the bundled GeoJSON, CSV and YAML files (and, through ``office``, the values an office has
published); gives prefectures, counties, seats, parks, bases, the layout's readings, indicators
with their sources and tiers, and the basemap catalogue. Also here: the name resolver, the datum
shift (GCJ-02 / WGS-84), the coverage of each indicator, and ``build``, which
regenerates data/ from the registry packages.
"""
