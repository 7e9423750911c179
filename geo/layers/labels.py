"""The names of a scene (``geo.scene.build.LabelsLayer``) on the map: each prefecture's short name at
its anchor inside its area, placed by ``geo.layers.elements.Labels`` around markers and other
names."""

from __future__ import annotations

import folium

from geo.layers.elements import Labels
from geo.scene.build import Label, LabelsLayer


def build_labels_layer(layer: LabelsLayer) -> folium.FeatureGroup:
    """The scene's area names as a layer outside the layer control (the view's ``labels``)."""
    group = folium.FeatureGroup(name="labels", control=False)
    group.add_child(Labels(label_dicts(layer.labels), css_class="sw-area-label", priority=0))
    return group


def label_dicts(labels: tuple[Label, ...]) -> list[dict]:
    """The names in the order the scene places them (its priority), as ``Labels`` takes them."""
    return [
        {"lat": lab.lat, "lon": lab.lon, "text": lab.text, "area": [list(p) for p in lab.area] or None}
        for lab in sorted(labels, key=lambda lab: lab.priority)
    ]
