"""Words: the two languages' labels (``i18n``), messages for bad input (``messages``), the one
escaping of hostile text (``escape``) and line breaking for names (``linebreak``).

Imports nothing of the project: every other stage uses it.
"""
