"""``python -m newsreader`` is the ``newsreader`` command."""

import sys

from newsreader.cli import main

sys.exit(main())
