"""Renderers that draw a scene: PNG and SVG slides (``static``, its legends in ``static_legend``),
a PowerPoint deck (``deck``) and the series chart (``series_chart``). The Leaflet layers live in
``geo.layers`` and are composed by ``geo.map``; the face for Chinese text is ``geo.fonts``.

They take a ``Scene`` (``geo.scene``) and decide nothing: ``tests/test_scene.py`` checks that
no renderer imports a loader, a classification or a legend builder.
"""
