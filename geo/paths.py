"""Where the bundled data lives (built from this file, never the working directory)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

PREFECTURES_GEOJSON = DATA / "sichuan_prefectures.geojson"
COUNTIES_GEOJSON = DATA / "sichuan_counties.geojson"
PREFECTURE_NAMES_CSV = DATA / "prefectures.csv"
FIDELITY_JSON = DATA / "boundaries_fidelity.json"
PARKS_CSV = DATA / "parks.csv"
PARKS_UNMAPPED_CSV = DATA / "parks_unmapped.csv"
BASES_CSV = DATA / "bases.csv"
LAYOUT_YAML = DATA / "layout.yaml"
PLAN_SECTIONS_CSV = DATA / "plan_sections.csv"
INDICATORS_CSV = DATA / "indicators.csv"
INDICATORS_META_CSV = DATA / "indicators_meta.csv"
BASEMAPS_YAML = DATA / "basemaps.yaml"
PLAN_MENTIONS_CSV = DATA / "plan_mentions.csv"
PLAN_FIGURES_CSV = DATA / "plan_figures.csv"
SOURCES_CSV = DATA / "sources.csv"
COUNTY_NAMES_EN_CSV = DATA / "county_names_en.csv"
PLAN_OUTCOMES_CSV = DATA / "plan_outcomes.csv"
THEMES_CSV = DATA / "themes.csv"
PALETTES_JSON = DATA / "palettes.json"  # matplotlib's colour tables of geo.scene.classify.PALETTES
SERIES_BASES_CSV = DATA / "series_bases.csv"  # declared bases of indicator series (breaks)
