"""Benchmark: our composer and export against GeoDataFrame.explore() on the raw boundaries."""
