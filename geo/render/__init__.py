"""Renderers that draw a scene as files: PNG and SVG slides (``static``, its legends in
``static_legend``, its fonts in ``fonts``) and a PowerPoint deck (``deck``). The Leaflet layers
live in ``geo.layers`` and are composed by ``geo.map``.

They take a ``Scene`` (``geo.scene``) and decide nothing: ``tests/test_scene.py`` checks that
no renderer imports a loader, a classification or a legend builder.
"""
