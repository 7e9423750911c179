"""Slides: a 16:9 PNG of a busy view against a bare geopandas ``plot`` of the same choropleth
(the peer: what a script would do), and a deck of every bundled view (the layout, one slide per
mappable indicator, the plan's scorecard): time and size."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

VIEW_LAYERS = ("prefectures", "choropleth", "layout", "bases", "parks")


def _median(fn, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times)


def run(runs: int) -> dict:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    from geo.data.indicators import mappable_indicators
    from geo.data.load import load_map_data
    from geo.plan.figures import plan_scorecard
    from geo.render.deck import deck_views, write_deck
    from geo.render.static import render_static
    from geo.scene.build import build_scene
    from geo.scene.view import MapView

    data = load_map_data()
    view = MapView(layers=VIEW_LAYERS, indicator="gdp")
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "s.png"
        render_static(data, png, view)  # warm: fonts registered, data cached

        def peer() -> None:
            frame = data.prefectures.merge(data.view("gdp")[["adcode", "value"]], on="adcode")
            fig, ax = plt.subplots(figsize=(16, 9), dpi=120)
            frame.plot(
                column="value", ax=ax, scheme="quantiles", k=5, legend=True, missing_kwds={"hatch": "///"}
            )
            fig.savefig(Path(tmp) / "p.png")
            plt.close(fig)

        ours_s = _median(lambda: render_static(data, png, view), runs)
        peer_s = _median(peer, runs)
        views = [MapView(), *deck_views(MapView(), mappable_indicators(data.indicators))]
        deck = Path(tmp) / "d.pptx"

        def make_deck() -> None:
            write_deck([build_scene(data, v) for v in views], deck, scorecard=plan_scorecard("zh"))

        deck_s = _median(make_deck, max(1, runs // 2))
        return {"png": ours_s, "peer": peer_s, "slides": len(views) + 2, "deck": deck_s,
                "deck_mb": deck.stat().st_size / 1e6, "png_kb": png.stat().st_size / 1e3}  # fmt: skip


def report(s: dict) -> list[str]:
    def goal(ok: bool) -> str:
        return "met" if ok else "MISSED"

    png, peer, deck = s["png"], s["peer"], s["deck"]
    return [
        "Slides: a 16:9 PNG (1x) of the choropleth with the layout, bases and parks, names and legends, "
        "against a bare geopandas `plot` of the same choropleth with its legend; a deck of every "
        f"bundled view ({s['slides']} slides: title, the layout, each mappable indicator, the scorecard).",
        "",
        "| slides | median | min | max | target |",
        "|---|---:|---:|---:|---|",
        f"| 16:9 PNG, ours (s) | {png[0]:.2f} | {png[1]:.2f} | {png[2]:.2f} | ≤ 2 s: {goal(png[0] <= 2)} |",
        f"| 16:9 PNG, geopandas plot (s) | {peer[0]:.2f} | {peer[1]:.2f} | {peer[2]:.2f} | peer |",
        f"| ours / peer | {png[0] / peer[0]:.2f} | | | |",
        f"| deck of every bundled view (s) | {deck[0]:.2f} | {deck[1]:.2f} | {deck[2]:.2f} | "
        f"≤ 15 s: {goal(deck[0] <= 15)} |",
        f"| deck size (MB) | {s['deck_mb']:.2f} | | | ≤ 2 MB: {goal(s['deck_mb'] <= 2)} |",
        f"| PNG size (KB) | {s['png_kb']:.0f} | | | |",
        "",
    ]
