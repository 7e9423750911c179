"""The plan's own figures: what it started from, what it promised for 2025, how far it got.

Takes the plan's targets and the values reported since (bundled or published); gives the
scorecard (``figures``), its chart (``chart``) and its files (``export``); its words are in
``geo.text.plan_words``.
"""
