"""``python -m geo``: see ``geo.cli``."""

import sys

# The commands that read a table (check-indicators, export --indicators, data publish): the
# confined reader's fork server starts before the command's own imports, which it overlaps, so
# a table is answered within the upload budget from the command's start.
READS_A_TABLE = ("check-indicators", "--indicators", "publish")

if __name__ == "__main__":
    if any(arg.split("=", 1)[0] in READS_A_TABLE for arg in sys.argv[1:]):
        from geo.uploads.confined import start_command, warm_up  # the other commands read no table

        start_command()
        warm_up()
    else:
        # pandas 3 imports pyarrow whenever it is installed (the app's Streamlit needs it), and a
        # command that reads no table has no use for it: its tables are NumPy- and Python-backed,
        # the same values as with it (an export is the same byte for byte). Not loading it takes a
        # tenth off the command's time and 45 MB off its memory (docs/PERFORMANCE.md). A command
        # that reads a table keeps it: the confined reader's process (with pyarrow) hands back its
        # tables.
        sys.modules.setdefault("pyarrow", None)  # `import pyarrow` then fails: pandas goes without

from geo.cli import main  # noqa: E402  (after the fork server's start)

if __name__ == "__main__":
    sys.exit(main())
